using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;

namespace SoakPS.Completion;

/// <summary>Completes profile names: the built-ins and the user profiles of the artifact root the command would use.</summary>
public sealed class ProfileNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var layout = CompletionLocation.Layout(fakeBoundParameters);
        var pattern = CompletionLocation.Matching(wordToComplete);
        IReadOnlyList<string> names;
        try
        {
            names = new ProfileStore(layout).Names();
        }
        catch (IOException)
        {
            names = BuiltInProfiles.All.Select(p => p.Name).ToArray();
        }
        catch (UnauthorizedAccessException)
        {
            names = BuiltInProfiles.All.Select(p => p.Name).ToArray();
        }
        foreach (var name in names.Where(pattern.IsMatch))
        {
            var tip = BuiltInProfiles.TryGet(name, out var builtIn) ? builtIn.Description : $"user profile in {layout.Profiles}";
            yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, tip);
        }
    }
}
