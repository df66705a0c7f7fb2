using System.Collections;
using System.Management.Automation;
using SoakPS.Completion;
using SoakPS.Engine;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Output;

namespace SoakPS.Commands;

/// <summary>Lists profiles, or with -Resolved shows each parameter's value and source as Set-SoakProfile would resolve it.</summary>
[Cmdlet(VerbsCommon.Get, "SoakProfile", DefaultParameterSetName = ListSet)]
[OutputType(typeof(SoakProfileInfo), ParameterSetName = new[] { ListSet })]
[OutputType(typeof(SoakParameterValue), ParameterSetName = new[] { ResolvedSet })]
public sealed class GetSoakProfileCommand : SoakCmdlet
{
    private const string ListSet = "List";
    private const string ResolvedSet = "Resolved";

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ResolvedSet)]
    public SwitchParameter Resolved { get; set; }

    [Parameter(ParameterSetName = ResolvedSet)]
    public Hashtable? Set { get; set; }

    private readonly List<string> _names = new();

    protected override void ProcessRecord()
    {
        if (Name is not null) _names.AddRange(Name);
    }

    protected override void EndProcessing()
    {
        try
        {
            var layout = ResolveLayout(mustExist: ArtifactPath is not null);
            var store = new ProfileStore(layout);
            if (Resolved)
            {
                WriteResolved(store);
            }
            else
            {
                WriteList(store);
            }
        }
        catch (SoakException e)
        {
            ThrowTerminating(e);
        }
    }

    private void WriteResolved(ProfileStore store)
    {
        if (_names.Count > 1)
        {
            ThrowTerminatingError(ErrorRecords.Create("ResolvedNeedsOneProfile", ErrorCategory.InvalidArgument,
                "-Resolved shows one resolution: give at most one profile name.", _names));
        }
        var name = _names.Count == 1 ? _names[0] : null;
        var environment = Environment.GetEnvironmentVariable(ParameterResolver.EnvironmentVariable);
        var resolved = new ParameterResolver(store).Resolve(name, ExplicitValues.From(Set), environment);
        foreach (var value in SoakParameterValue.From(resolved)) WriteObject(value);
    }

    private void WriteList(ProfileStore store)
    {
        var patterns = _names.Select(n => (Text: n, Pattern: WildcardPattern.Get(n, WildcardOptions.IgnoreCase))).ToArray();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        var profiles = store.List((name, error) =>
        {
            var hits = patterns.Where(p => p.Pattern.IsMatch(name)).Select(p => p.Text).ToArray();
            if (patterns.Length > 0 && hits.Length == 0) return;
            matched.UnionWith(hits);
            WriteSoakError(error);
        });
        var resolver = new ParameterResolver(store);
        foreach (var profile in profiles)
        {
            var hits = patterns.Where(p => p.Pattern.IsMatch(profile.Name)).Select(p => p.Text).ToArray();
            if (patterns.Length > 0 && hits.Length == 0) continue;
            matched.UnionWith(hits);
            WriteObject(new SoakProfileInfo(profile, resolver.ResolveFor(profile, null, null).Values));
        }
        foreach (var literal in _names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n) && !matched.Contains(n)))
        {
            try
            {
                // Gives the precise reason: invalid name, invalid file, or not found with the available names.
                store.Load(literal);
                WriteSoakError(new SoakException("ProfileNotFound", SoakErrorKind.ObjectNotFound, $"No profile named '{literal}'.", literal));
            }
            catch (SoakException e)
            {
                WriteSoakError(e);
            }
        }
    }
}
