using SoakPS.Bench;

IBenchmark[] benchmarks =
{
    new IterationOverheadBenchmark(),
    new RotationBenchmark(),
    new SimulatorBenchmark(),
    new ExporterBenchmark(),
    new HistoryReadBenchmark(),
    new BudgetTableBenchmark(),
    new ReadyToRunBenchmark(),
    new SyscallBenchmark(),
    new StudyCostBenchmark(),
    new PresetFrontierBenchmark(),
};

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine("usage: SoakPS.Bench <benchmark> [--option value ...]");
    foreach (var b in benchmarks) Console.WriteLine($"  {b.Name,-12} {b.Description}");
    return args.Length == 0 ? 2 : 0;
}

var chosen = benchmarks.FirstOrDefault(b => string.Equals(b.Name, args[0], StringComparison.OrdinalIgnoreCase));
if (chosen is null)
{
    Console.Error.WriteLine($"unknown benchmark '{args[0]}'; known: {string.Join(", ", benchmarks.Select(b => b.Name))}");
    return 2;
}
return chosen.Run(new BenchArguments(args.Skip(1)));
