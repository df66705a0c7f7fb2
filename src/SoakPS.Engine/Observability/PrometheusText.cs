using System.Globalization;
using System.Text;

namespace SoakPS.Engine.Observability;

/// <summary>Writes the Prometheus text exposition format (version 0.0.4): one HELP and TYPE per family, then its samples.</summary>
internal sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new(4096);
    private readonly (string Name, string Value)[] _identity;

    /// <param name="identity">Labels every sample carries first, so the series of two runs side by side never collide.</param>
    public PrometheusText(params (string Name, string Value)[] identity) => _identity = identity;

    public PrometheusText Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    public PrometheusText Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        _text.Append(name);
        if (_identity.Length + labels.Length > 0)
        {
            _text.Append('{');
            var first = true;
            foreach (var (label, text) in _identity.Concat(labels))
            {
                if (!first) _text.Append(',');
                first = false;
                _text.Append(label).Append("=\"").Append(EscapeLabel(text)).Append('"');
            }
            _text.Append('}');
        }
        _text.Append(' ').Append(Format(value)).Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();

    /// <summary>
    /// Fifteen significant digits, the precision a double carries from decimal text and back: a value scaled into its
    /// base unit (69 % × 0.01) or summed (iteration seconds) shows as 0.69, not as the 0.6900000000000001 its last bit
    /// makes of it.
    /// </summary>
    private static string Format(double value) => double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("G15", CultureInfo.InvariantCulture);

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\").Replace("\n", "\\n");

    private static string EscapeLabel(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
