using System.Management.Automation.Language;
using System.Reflection;
using System.Xml.Linq;

namespace SoakPS.Module.Tests;

/// <summary>What the module declares (manifest exports) and what SoakPS.dll implements ([Cmdlet] classes), read statically.</summary>
public static class ModuleManifest
{
    public static string SourceManifestPath => Path.Combine(PowerShellSession.RepoRoot, "module", "SoakPS", "SoakPS.psd1");

    public static string ModuleFolder => Path.Combine(PowerShellSession.RepoRoot, "out", "SoakPS");

    /// <summary>Exactly what the build must put in out/SoakPS.</summary>
    public static readonly string[] ExpectedFiles =
    [
        "SoakPS.dll",
        "SoakPS.Engine.dll",
        "SoakPS.psd1",
        "SoakPS.format.ps1xml",
        "en-US/SoakPS.dll-Help.xml",
        "en-US/about_SoakPS.help.txt",
        "en-US/about_SoakPS_Guards.help.txt",
        "en-US/about_SoakPS_ErrorIds.help.txt",
    ];

    public static IReadOnlyList<string> CmdletsToExport(string manifestPath)
    {
        var ast = Parser.ParseFile(manifestPath, out _, out var errors);
        Assert.Empty(errors);
        var table = (HashtableAst)ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false)!;
        var entry = table.KeyValuePairs.Single(p => p.Item1 is StringConstantExpressionAst { Value: "CmdletsToExport" });
        return entry.Item2.FindAll(a => a is StringConstantExpressionAst, searchNestedScriptBlocks: false)
            .Cast<StringConstantExpressionAst>().Select(s => s.Value).ToList();
    }

    public static string Version()
    {
        var props = XDocument.Load(Path.Combine(PowerShellSession.RepoRoot, "Directory.Build.props"));
        return props.Descendants("SoakPSVersion").Single().Value;
    }

    /// <summary>Every public [Cmdlet] class in the built SoakPS.dll, keyed by Verb-Noun.</summary>
    public static IReadOnlyDictionary<string, Type> CmdletClasses()
    {
        var assembly = Assembly.LoadFrom(Path.Combine(ModuleFolder, "SoakPS.dll"));
        var result = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in assembly.GetExportedTypes())
        {
            var cmdlet = CmdletAttribute(type);
            if (cmdlet is not null && !type.IsAbstract)
            {
                result[$"{cmdlet.ConstructorArguments[0].Value}-{cmdlet.ConstructorArguments[1].Value}"] = type;
            }
        }
        return result;
    }

    public static CustomAttributeData? CmdletAttribute(Type type) =>
        type.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute");

    /// <summary>Manifest exports and implemented cmdlets together, so a cmdlet missing from either side is still checked.</summary>
    public static TheoryData<string> AllCmdletNames()
    {
        var names = CmdletsToExport(SourceManifestPath).Concat(CmdletClasses().Keys)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }
        return data;
    }
}
