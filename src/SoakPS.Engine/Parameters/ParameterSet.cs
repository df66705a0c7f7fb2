using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SoakPS.Engine.Parameters;

/// <summary>
/// An immutable flat map of parameter values, the content of runtime_overrides.json. Values are decimals so
/// rounding is exact and no float noise is ever persisted.
/// </summary>
internal sealed class ParameterSet : IEquatable<ParameterSet>
{
    private readonly SortedDictionary<string, decimal> _values;

    public ParameterSet(IEnumerable<KeyValuePair<string, decimal>> values)
    {
        _values = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (k, v) in values)
        {
            _values[k] = Json.JsonNumbers.Normalize(v);
        }
    }

    public IReadOnlyDictionary<string, decimal> Values => _values;

    public IEnumerable<string> Names => _values.Keys;

    public decimal this[string name] => _values[name];

    public bool TryGet(string name, out decimal value) => _values.TryGetValue(name, out value);

    public ParameterSet With(string name, decimal value)
    {
        var copy = new SortedDictionary<string, decimal>(_values, StringComparer.Ordinal) { [name] = Json.JsonNumbers.Normalize(value) };
        return new ParameterSet(copy);
    }

    public ParameterSet With(IEnumerable<KeyValuePair<string, decimal>> values)
    {
        var copy = new SortedDictionary<string, decimal>(_values, StringComparer.Ordinal);
        foreach (var (k, v) in values) copy[k] = v;
        return new ParameterSet(copy);
    }

    /// <summary>Canonical JSON: keys sorted ordinally, numbers in their shortest exact decimal form, no whitespace.</summary>
    public string ToCanonicalJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (k, v) in _values)
        {
            writer.WritePropertyName(k);
            Json.JsonNumbers.WriteDecimal(writer, v);
        }
        writer.WriteEndObject();
    }

    /// <summary>sha256 of the canonical JSON, lower-case hex (the state_hash of docs/artifacts.md).</summary>
    public string StateHash() => _stateHash ??= Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ToCanonicalJson()))).ToLowerInvariant();

    // The set never changes, so its hash is computed once (a decision asks for it for the journal and the summary).
    private string? _stateHash;

    public bool Equals(ParameterSet? other) =>
        other is not null && other._values.Count == _values.Count &&
        _values.All(kv => other._values.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public override bool Equals(object? obj) => Equals(obj as ParameterSet);

    public override int GetHashCode() => ToCanonicalJson().GetHashCode(StringComparison.Ordinal);

    public override string ToString() => string.Join(", ", _values.Select(kv => $"{kv.Key}={Json.JsonNumbers.Format(kv.Value)}"));
}
