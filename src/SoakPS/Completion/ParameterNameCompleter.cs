using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using SoakPS.Engine.Parameters;

namespace SoakPS.Completion;

/// <summary>Completes tuned parameter names from the catalog (for any [string] parameter that names one).</summary>
public sealed class ParameterNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = WildcardPattern.Get((wordToComplete ?? string.Empty).Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return ParameterCatalog.Default.Definitions
            .Where(d => pattern.IsMatch(d.Name))
            .Select(d => new CompletionResult(d.Name, d.Name, CompletionResultType.ParameterValue,
                $"{d.Name} [{d.Min} – {d.Max}] {d.Unit}, default {d.Default}"));
    }
}
