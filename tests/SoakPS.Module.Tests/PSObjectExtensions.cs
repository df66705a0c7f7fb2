using System.Management.Automation;

namespace SoakPS.Module.Tests;

/// <summary>Reads output objects by property, as a script would, without binding the tests to the module's assembly.</summary>
public static class PSObjectExtensions
{
    public static T Prop<T>(this PSObject o, string name) => LanguagePrimitives.ConvertTo<T>(o.Properties[name]?.Value);

    public static object? Prop(this PSObject o, string name) => o.Properties[name]?.Value;

    public static string TypeName(this PSObject o) => o.BaseObject.GetType().FullName!;

    /// <summary>Every property as name=value, for comparing objects as a whole.</summary>
    public static string Describe(this PSObject o) => string.Join("|", o.Properties.Select(p => $"{p.Name}={p.Value}"));
}
