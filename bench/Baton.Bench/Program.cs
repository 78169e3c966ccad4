using Baton.Bench;

// dotnet run -c Release --project bench/Baton.Bench -- <hook|ls|store|watch|coordination|tasks|taskwake|messages|hotpath|contention|registry|teamstore|web|all> [--runs N] [--baton PATH] [--idle-seconds N] [--live N] [--ended N]
return BenchCommand.Run(args, Console.Out, Console.Error);
