using System.Management.Automation;
using SoakPS.Completion;
using SoakPS.Engine;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Studies;
using SoakPS.Output;

namespace SoakPS.Commands;

/// <summary>
/// Fits the regime tuner's presets on the simulator: per class, the point that keeps the class OK where any can, then
/// avoids KPI FAIL, then earns the most net USD on the windows that follow the class. -SaveAs writes them into a profile.
/// </summary>
[Cmdlet(VerbsCommon.Find, "SoakPreset", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SoakPreset))]
public sealed class FindSoakPresetCommand : SoakCmdlet
{
    /// <summary>How many seeds (chains of windows): FirstSeed .. FirstSeed + Seeds − 1. Default 16.</summary>
    [Parameter(Position = 0)]
    [ValidateRange(1, 10_000)]
    public int Seeds { get; set; } = 16;

    /// <summary>The first seed. Default 2001 (keep the seeds you judge tuners on out of the fit).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue - 10_000)]
    public int FirstSeed { get; set; } = 2001;

    /// <summary>Windows per chain. Default 96.</summary>
    [Parameter]
    [ValidateRange(2, 10_000)]
    public int Iterations { get; set; } = 96;

    /// <summary>Market time per window. Default 15.</summary>
    [Parameter]
    [ValidateRange(0.01, 1440.0)]
    public double IterationMinutes { get; set; } = 15;

    /// <summary>The profile whose values start the search and whose policy gives the market (policy.simulator), KPI thresholds and classes. Default steady_safe.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Profile { get; set; } = BuiltInProfiles.SteadySafe.Name;

    /// <summary>Write the fitted presets into profiles/&lt;name&gt;.json: the starting profile's values and policy, with policy.tuner set to these presets.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SaveAs { get; set; }

    /// <summary>How many windows are simulated at once. Default: the number of processors.</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    protected override void EndProcessing()
    {
        var layout = ResolveLayout();
        var store = new ProfileStore(layout);
        ResolvedParameters start;
        try
        {
            start = new ParameterResolver(store).Resolve(Profile);
        }
        catch (SoakException e)
        {
            ThrowTerminating(e);
            return;
        }
        var options = new PresetFitOptions
        {
            Seeds = Enumerable.Range(FirstSeed, Seeds).ToList(),
            Iterations = Iterations,
            IterationMinutes = IterationMinutes,
            Market = start.Policy.Simulator,
            Kpi = start.Policy.Kpi,
            Catalog = start.Catalog,
            Classes = start.Policy.Tuner.Classes,
            Start = start.Values,
            Parallelism = ThrottleLimit,
        };
        IReadOnlyList<Engine.Tuning.RegimeClass> fitted;
        try
        {
            fitted = PresetFitter.Fit(options, StopToken, WriteVerbose);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        string? savedTo = null;
        if (SaveAs is not null && ShouldProcess(layout.ProfileFile(SaveAs), $"Write the {fitted.Count} fitted presets of profile '{Profile}' as profile '{SaveAs}'"))
        {
            var basis = start.Profile ?? BuiltInProfiles.SteadySafe;
            var policy = start.Policy with { Tuner = start.Policy.Tuner with { Name = Engine.Tuning.RegimeTuner.TunerName, Classes = fitted } };
            try
            {
                savedTo = store.Save(new Profile(SaveAs, $"Regime presets fitted by Find-SoakPreset from {basis.Name} on seeds {FirstSeed}..{FirstSeed + Seeds - 1}.",
                    start.Values.Values, false, null, policy, basis.ExtraDefinitions));
            }
            catch (SoakException e)
            {
                ThrowTerminating(e);
                return;
            }
        }
        foreach (var c in fitted)
        {
            WriteObject(new SoakPreset(c, savedTo));
        }
    }
}
