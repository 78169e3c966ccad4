using Baton.Core.Coordination.FileLeases;

namespace Baton.Core.Tests.FileLeases;

public sealed class ShellWritesTests
{
    public static TheoryData<string, string[]> Plain => new()
    {
        { "echo hi > src/app.cs", ["src/app.cs"] },
        { "echo hi >src/app.cs", ["src/app.cs"] },
        { "echo hi >> 'src/my app.cs'", ["src/my app.cs"] },
        { "printf x >| out.txt", ["out.txt"] },
        { "make &> build.log", ["build.log"] },
        { "make 2> err.log 1>out.log", ["err.log", "out.log"] },
        { "cmd > /dev/null 2>&1", ["/dev/null"] },
        { "echo a | tee -a notes.md other.md", ["notes.md", "other.md"] },
        { "echo a | sudo tee /etc/hosts > /dev/null", ["/etc/hosts", "/dev/null"] },
        { "cp a.txt b.txt", ["b.txt", "b.txt/a.txt"] },
        { "cp -T a.txt b.txt", ["b.txt"] },
        { "cp -t dest a.txt lib/b.txt", ["dest/a.txt", "dest/b.txt"] },
        { "touch -d '2 days ago' stamp new.txt", ["stamp", "new.txt"] },
        { "rm -f a.txt -- -weird", ["a.txt", "-weird"] },
        { "sed -i 's/a/b/' src/app.cs", ["src/app.cs"] },
        { "sed -i.bak -e 's/a/b/' -e 's/c/d/' x.cs y.cs", ["x.cs", "y.cs"] },
        { "sed -ni 's/a/b/p' x.cs", ["x.cs"] },
        { "sed -i '' 's/a/b/' x.cs", ["x.cs"] },
        { "sed -ne 's/a/b/p' x.cs", [] },
        { "sed 's/a/b/' x.cs > y.cs", ["y.cs"] },
        { "FOO=1 BAR=2 tee out.txt < in.txt", ["out.txt"] },
        { "cd src && echo x > app.cs", ["src/app.cs"] },
        { "cd /abs/dir; touch f", ["/abs/dir/f"] },
        { "(cd sub && touch a) && touch b", ["sub/a", "b"] },
        { "if [ -f x ]; then echo y > z.txt; fi", ["z.txt"] },
        { "cat > src/app.cs <<'EOF'\nclass App { }\necho > not-a-target.cs\nEOF\ntouch after.txt", ["src/app.cs", "after.txt"] },
        { "cat <<-EOF > out.txt\n\tbody > nope\n\tEOF", ["out.txt"] },
        { "ls # > not.txt", [] },
        { "git status && dotnet build", [] },
        { "cat src/app.cs | grep x", [] },
        { "echo \"a > b\" 'c > d'", [] },
    };

    [Theory]
    [MemberData(nameof(Plain))]
    public void Finds_the_paths_a_command_plainly_writes(string command, string[] expected) =>
        ShellWrites.Find(command).Select(w => w.Path).ShouldBe(expected, ignoreOrder: true, customMessage: command);

    public static TheoryData<string, string[]> Uncertain => new()
    {
        { "echo x > \"$FILE\"", [] },
        { "echo x > $(mktemp)", [] },
        { "echo x > `name`", [] },
        { "echo x > ~/notes", [] },
        { "echo x > *.cs", [] },
        { "touch src/{a,b}.cs", [] },
        { "cd \"$DIR\" && touch a.txt /abs/b.txt", ["/abs/b.txt"] },
        { "cd && touch a.txt", [] },
        { "cd - && touch a.txt", [] },
        { "bash -c 'echo x > a.txt'", [] },
        { "find . -name '*.tmp' -exec rm {} \\;", [] },
        { "python3 -c 'open(\"a\", \"w\")'", [] },
        { "echo 'unterminated > a.txt", [] },
        { "cp $SRC dest/", ["dest/"] },
        { "for f in a b; do echo x > $f; done", [] },
    };

    [Theory]
    [MemberData(nameof(Uncertain))]
    public void Leaves_out_what_cannot_be_told_from_the_text(string command, string[] expected) =>
        ShellWrites.Find(command).Select(w => w.Path).ShouldBe(expected, ignoreOrder: true, customMessage: command);

    [Fact]
    public void Tree_writes_are_marked_as_such()
    {
        ShellWrites.Find("rm -rf build").ShouldBe([new WriteTarget("build", Subtree: true)]);
        ShellWrites.Find("rm build.log").ShouldBe([new WriteTarget("build.log", Subtree: false)]);
        ShellWrites.Find("mv src lib/").ShouldBe(
            [new WriteTarget("src", Subtree: true), new WriteTarget("lib/", Subtree: false), new WriteTarget("lib/src", Subtree: true)],
            ignoreOrder: true);
        ShellWrites.Find("cp -r src backup").ShouldContain(new WriteTarget("backup/src", Subtree: true));
    }
}
