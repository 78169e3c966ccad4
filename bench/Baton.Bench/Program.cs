using Baton.Bench;

// dotnet run -c Release --project bench/Baton.Bench -- <hook|ls|store|all> [--runs N] [--baton PATH]
return BenchCommand.Run(args, Console.Out, Console.Error);
