namespace SoakPS.Bench;

/// <summary>One benchmark subcommand: `SoakPS.Bench &lt;name&gt; [options]`.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }

    /// <returns>The process exit code.</returns>
    int Run(BenchArguments args);
}
