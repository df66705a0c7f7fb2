using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SoakPS.Completion;

// Interim (replaced by the params branch).
public sealed class ProfileNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        new[] { "steady_safe", "ultra_safe", "aggressive" }.Where(n => n.StartsWith(wordToComplete, StringComparison.OrdinalIgnoreCase)).Select(n => new CompletionResult(n));
}
