using System.Collections;
using System.Management.Automation;
using SoakPS.Output;

namespace SoakPS.Commands;

/// <summary>Turns a -Set hashtable into plain values for the engine (PowerShell may wrap them in PSObject).</summary>
internal static class ExplicitValues
{
    public static IDictionary<string, object?>? From(Hashtable? set)
    {
        if (set is null) return null;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in set)
        {
            var key = entry.Key is PSObject pk ? pk.BaseObject : entry.Key;
            values[key?.ToString() ?? string.Empty] = entry.Value is PSObject pv ? pv.BaseObject : entry.Value;
        }
        return values;
    }
}
