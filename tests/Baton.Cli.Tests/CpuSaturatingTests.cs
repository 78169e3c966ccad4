namespace Baton.Cli.Tests;

/// <summary>Tests that saturate the machine's CPU on purpose: run with no other test of the assembly beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuSaturatingTests
{
    /// <summary>The collection's name.</summary>
    public const string Name = "CPU-saturating";
}
