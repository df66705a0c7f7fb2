using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SoakPS.Engine.Tests.Architecture;

/// <summary>One use of a type of the engine by a file of the engine: which file, inside which type, naming what.</summary>
/// <param name="File">The using file, relative to the engine's folder, with forward slashes.</param>
/// <param name="From">The type whose declaration holds the use (the file's name when the use is outside any type).</param>
/// <param name="Target">The type used, or the type of the member used.</param>
/// <param name="TargetFile">Where <paramref name="Target"/> is declared, relative to the engine's folder.</param>
public sealed record EngineReference(string File, string From, string Target, string TargetFile)
{
    public string FromRoom => RoomOf(File);

    public string TargetRoom => RoomOf(TargetFile);

    /// <summary>A file's room is its first folder under the engine; a file at the top is in the room "(root)".</summary>
    public static string RoomOf(string file) => file.IndexOf('/') is var slash and > 0 ? file[..slash] : "(root)";
}

/// <summary>
/// Every reference between files of the engine, as the compiler binds it: each name in the sources (signatures,
/// bodies, attributes, fully qualified calls without a <c>using</c>) and each target-typed <c>new()</c> is resolved
/// with a semantic model to the type it names or whose member it names.
/// </summary>
public static class EngineReferences
{
    /// <summary>
    /// What a compilation without the engine's source generators reports (System.Text.Json contexts and generated
    /// regular expressions have no generated half here); any other error means names may not bind, so it fails.
    /// </summary>
    private static readonly HashSet<string> GeneratorGaps = new(StringComparer.Ordinal) { "CS0534", "CS7036", "CS8795", "CS0117" };

    /// <summary>The usings the engine's project adds to every file (ImplicitUsings of an SDK library).</summary>
    private const string ImplicitUsings =
        "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
        "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    private const string ImplicitUsingsFile = "(implicit usings)";

    /// <summary>The engine's folder in this repository.</summary>
    public static string EngineFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SoakPS.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "src", "SoakPS.Engine");
    }

    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest);

    private static readonly Dictionary<string, CSharpCompilation> Compiled = new(StringComparer.Ordinal);

    /// <summary>Every reference between the files of the engine in <paramref name="engineFolder"/>.</summary>
    public static IReadOnlyList<EngineReference> Scan(string engineFolder)
    {
        var compilation = Compile(engineFolder);
        return compilation.SyntaxTrees.SelectMany(tree => ReferencesOf(compilation, tree)).Distinct().ToList();
    }

    /// <summary>The references of one more file (relative path, text) compiled as part of the engine: how a new file would be judged.</summary>
    public static IReadOnlyList<EngineReference> Scan(string engineFolder, string file, string text)
    {
        var tree = CSharpSyntaxTree.ParseText(text, Parse, file);
        var compilation = Compile(engineFolder).AddSyntaxTrees(tree);
        ThrowOnErrors(compilation.GetSemanticModel(tree).GetDiagnostics());
        return ReferencesOf(compilation, tree).Distinct().ToList();
    }

    private static CSharpCompilation Compile(string engineFolder)
    {
        lock (Compiled)
        {
            if (Compiled.TryGetValue(engineFolder, out var known)) return known;
            var sources = Directory.EnumerateFiles(engineFolder, "*.cs", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(engineFolder, path).Replace('\\', '/'))
                .Where(file => !file.StartsWith("obj/", StringComparison.Ordinal) && !file.StartsWith("bin/", StringComparison.Ordinal))
                .Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(engineFolder, file)), Parse, file))
                .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, Parse, ImplicitUsingsFile));
            var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Select(path => MetadataReference.CreateFromFile(path));
            var compilation = CSharpCompilation.Create("SoakPS.Engine", sources, platform,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            ThrowOnErrors(compilation.GetDiagnostics());
            return Compiled[engineFolder] = compilation;
        }
    }

    private static void ThrowOnErrors(IEnumerable<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && !GeneratorGaps.Contains(d.Id)).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The engine's sources do not compile here, so not every name binds:\n" + string.Join('\n', errors.Take(20)));
        }
    }

    private static IEnumerable<EngineReference> ReferencesOf(CSharpCompilation compilation, SyntaxTree tree)
    {
        if (tree.FilePath == ImplicitUsingsFile) yield break;
        var model = compilation.GetSemanticModel(tree);
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (node is not (SimpleNameSyntax or ImplicitObjectCreationExpressionSyntax)) continue;
            if (TargetOf(model.GetSymbolInfo(node)) is not { } target) continue;
            if (target.Locations.FirstOrDefault(l => l.IsInSource)?.SourceTree?.FilePath is not { } targetFile || targetFile == ImplicitUsingsFile) continue;
            var from = node.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault() is { } declaration
                ? model.GetDeclaredSymbol(declaration)!.ToDisplayString()
                : tree.FilePath;
            yield return new EngineReference(tree.FilePath, from, target.ToDisplayString(), targetFile);
        }
    }

    /// <summary>The type a name stands for: the type itself, or the type that declares the member it names.</summary>
    private static INamedTypeSymbol? TargetOf(SymbolInfo info)
    {
        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        if (symbol is IMethodSymbol { ReducedFrom: { } extension }) symbol = extension;
        var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
        return type?.OriginalDefinition;
    }
}
