using Baton.ClaudeCode.Settings;

namespace Baton.ClaudeCode.Tests.Settings;

public sealed class HookCommandTests
{
    [Fact]
    public void A_native_baton_is_called_directly_with_hook_and_the_event()
    {
        var command = HookCommand.ForProcess("/opt/baton/baton", entryAssemblyPath: "/opt/baton/baton.dll");

        command.Executable.ShouldBe("/opt/baton/baton");
        command.LeadingArguments.ShouldBeEmpty();
        command.ArgumentsFor("Stop").ShouldBe(["hook", "Stop"]);
    }

    [Fact]
    public void A_global_tool_is_called_through_its_tools_folder_entry_which_survives_updates()
    {
        using var temp = Baton.Testing.TempDirectory.Create("baton-tool-");
        var real = temp.CreateSubdirectory(".dotnet", "tools", ".store", "baton.cli", "0.2.0", "baton.cli", "0.2.0", "tools", "net10.0", "linux-x64");
        File.WriteAllText(Path.Combine(real, "baton"), "");
        File.CreateSymbolicLink(temp.Combine(".dotnet", "tools", "baton"), Path.Combine(real, "baton"));

        HookCommand.ForProcess(Path.Combine(real, "baton"), null).Executable.ShouldBe(temp.Combine(".dotnet", "tools", "baton"));
        HookCommand.ForProcess("/opt/.store/baton", null).Executable.ShouldBe("/opt/.store/baton", "no tools-folder entry: the path as it is");
    }

    [Fact]
    public void Under_the_dotnet_host_the_entry_assembly_comes_first()
    {
        var command = HookCommand.ForProcess("/usr/share/dotnet/dotnet", "/opt/baton/baton.dll");

        command.Executable.ShouldBe("/usr/share/dotnet/dotnet");
        command.ArgumentsFor("PreToolUse").ShouldBe(["/opt/baton/baton.dll", "hook", "PreToolUse"]);
    }

    [Fact]
    public void Relative_paths_are_refused()
    {
        Should.Throw<ArgumentException>(() => new HookCommand("baton"));
        Should.Throw<ArgumentException>(() => HookCommand.ForProcess("/usr/bin/dotnet", "baton.dll"));
        Should.Throw<ArgumentException>(() => HookCommand.ForProcess("/usr/bin/dotnet", null));
    }

    [Fact]
    public void The_current_process_gives_an_absolute_existing_executable()
    {
        var command = HookCommand.ForCurrentProcess();

        Path.IsPathFullyQualified(command.Executable).ShouldBeTrue();
        File.Exists(command.Executable).ShouldBeTrue();
        if (Path.GetFileNameWithoutExtension(command.Executable) == "dotnet")
        {
            command.LeadingArguments.Count.ShouldBe(1);
            command.LeadingArguments[0].ShouldEndWith(".dll");
        }
    }

    [Fact]
    public void Commands_with_the_same_path_and_arguments_are_equal()
    {
        new HookCommand("/a/dotnet", ["/a/baton.dll"]).ShouldBe(new HookCommand("/a/dotnet", ["/a/baton.dll"]));
        new HookCommand("/a/dotnet", ["/a/baton.dll"]).ShouldNotBe(new HookCommand("/a/dotnet", ["/b/baton.dll"]));
    }
}
