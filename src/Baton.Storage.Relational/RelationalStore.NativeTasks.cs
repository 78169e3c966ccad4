using Baton.Core.Tasks;

namespace Baton.Storage.Relational;

public abstract partial class RelationalStore
{
    /// <inheritdoc/>
    public bool AppendNativeChange(string list, string actor, string data)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(actor);
        var change = TaskJournalTypes.NativeChangeOf(data) ?? throw new ArgumentException("A native task change is a JSON object with a text id.", nameof(data));
        var subject = TaskJournalTypes.Subject(list);
        return WriteChange(() =>
        {
            // The task's last entry, newest first among the list's latest native entries (journal_by_type, read backwards).
            var last = QueryRows(
                    "SELECT data FROM journal WHERE type = @type AND subject = @subject ORDER BY seq DESC LIMIT @limit",
                    r => r.IsDBNull(0) ? null : TaskJournalTypes.NativeChangeOf(r.GetString(0)),
                    ("@type", TaskJournalTypes.Native),
                    ("@subject", subject),
                    ("@limit", TaskJournalTypes.NativeLookBack))
                .FirstOrDefault(c => c?.Id == change.Id);
            if (last?.State == change.State)
            {
                return false;
            }

            AppendEntry(TaskJournalTypes.Native, subject, actor, data, NowMs());
            return true;
        });
    }
}
