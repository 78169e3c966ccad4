using Baton.Core.Messages;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

public abstract partial class MessageContract
{
    [Fact]
    public void The_threads_of_a_participant_are_those_it_sent_or_received_in_each_described_whole_oldest_first()
    {
        PutThree();
        Clock.Now = T0.AddSeconds(1);
        var question = Messenger.Send([Bob, Cy], "who owns the schema?", Ada);
        Clock.Now = T0.AddSeconds(2);
        Messenger.Reply(question.Id, "I do", Bob);
        Clock.Now = T0.AddSeconds(3);
        var lunch = Messenger.Send(Cy, "lunch?", Bob);
        Clock.Now = T0.AddSeconds(4);
        var status = Messenger.Send(Ada, "status?", Human);

        IReadOnlyDictionary<string, IReadOnlyList<ThreadParticipation>> asked = null!;
        NoEntry(() => asked = Store.ListThreads([Ada, Bob, "nobody"]));
        var everyone = Store.ListThreads(null);

        asked.Keys.ShouldBe([Ada, Bob], ignoreOrder: true);
        Described(asked[Ada]).ShouldBe(
        [
            (question.Id, 2, T0.AddSeconds(1), T0.AddSeconds(2), $"{Bob} {Cy}"),
            (status.Id, 1, T0.AddSeconds(4), T0.AddSeconds(4), Human),
        ]);
        Described(asked[Bob]).ShouldBe(
        [
            (question.Id, 2, T0.AddSeconds(1), T0.AddSeconds(2), $"{Ada} {Cy}"),
            (lunch.Id, 1, T0.AddSeconds(3), T0.AddSeconds(3), Cy),
        ]);
        everyone.Keys.ShouldBe([Ada, Bob, Cy, Human], ignoreOrder: true);
        Described(everyone[Ada]).ShouldBe(Described(asked[Ada]));
        Described(everyone[Cy]).ShouldBe(
        [
            (question.Id, 2, T0.AddSeconds(1), T0.AddSeconds(2), $"{Ada} {Bob}"),
            (lunch.Id, 1, T0.AddSeconds(3), T0.AddSeconds(3), Bob),
        ]);
        Described(everyone[Human]).ShouldBe([(status.Id, 1, T0.AddSeconds(4), T0.AddSeconds(4), Ada)]);
        Store.ListThreads([]).ShouldBeEmpty();
    }

    [Fact]
    public void A_sessions_threads_and_messages_outlive_its_end_and_pruning_and_later_messages_count_in_the_thread()
    {
        PutThree();
        var plan = Messenger.Send(Bob, "plan", Ada);
        Messenger.Reply(plan.Id, "agreed", Bob);
        Messenger.Send(Bob, "unread at the end", Ada, thread: plan.Id);
        PutSession(Ada, "ada", endedAt: T0.AddMinutes(1));
        Liveness.Gone.Add(Bob);
        new SessionRegistry((IStore)Store, Liveness, Clock).Prune(dryRun: false, Human).Select(s => s.SessionId).ShouldBe([Bob]);
        Clock.Now = T0.AddMinutes(2);

        var later = Messenger.Send(Cy, "for the record", Human, thread: plan.Id);

        var threads = Store.ListThreads([Ada, Bob]);
        Described(threads[Ada]).ShouldBe([(plan.Id, 4, T0, T0.AddMinutes(2), $"{Bob} {Cy} {Human}")]);
        Described(threads[Bob]).ShouldBe([(plan.Id, 4, T0, T0.AddMinutes(2), $"{Ada} {Cy} {Human}")]);
        Store.GetThread(plan.Id).Select(m => m.Id).ShouldBe([plan.Id, plan.Id + 1, plan.Id + 2, later.Id]);
        Store.CountInbox(Bob).ShouldBe(new InboxCounts(2, 2), "pruning leaves a session's inbox as it was");
    }

    /// <summary>Threads as comparable tuples: (thread, messages, first, last, the others sorted and joined by spaces).</summary>
    private static List<(long, int, DateTimeOffset, DateTimeOffset, string)> Described(IEnumerable<ThreadParticipation> threads) =>
        [.. threads.Select(t => (t.ThreadId, t.Messages, t.FirstAt, t.LastAt, string.Join(' ', t.With.Order(StringComparer.Ordinal))))];
}
