using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using SoakPS.Engine.History;
using SoakPS.Engine.Runs;

namespace SoakPS.Completion;

/// <summary>Completes run ids, newest first, from the artifact root the command would use.</summary>
public sealed class RunIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var layout = CompletionLocation.Layout(fakeBoundParameters);
        IReadOnlyList<string> ids;
        try
        {
            ids = IterationSummaryReader.RunIds(layout);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ids = [];
        }
        var pattern = CompletionLocation.Matching(wordToComplete);
        return ids.Where(pattern.IsMatch).Select((id, i) =>
            new CompletionResult(id, id, CompletionResultType.ParameterValue, i == 0 && layout.LatestRun.Exists ? $"{id} (latest)" : id));
    }
}
