namespace Baton.Testing;

/// <summary>Polls a condition until it holds, failing with a clear message when it never does.</summary>
public static class Eventually
{
    /// <summary>How often conditions are polled.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits until <paramref name="condition"/> returns true, or throws <see cref="TimeoutException"/>.</summary>
    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string description)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition().ConfigureAwait(false))
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#}s waiting until {description}.");
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> returns true, or throws <see cref="TimeoutException"/>.</summary>
    public static Task Until(Func<bool> condition, TimeSpan timeout, string description)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Until(() => Task.FromResult(condition()), timeout, description);
    }
}
