namespace SoakPS.Engine.Parameters;

/// <summary>One tuned parameter: its unit, default, bounds and rounding (docs/parameters.md).</summary>
/// <param name="SaferDirection">+1 when raising the value lowers risk (wider spread, longer interval), -1 when lowering it does.</param>
internal sealed record ParameterDefinition(string Name, string Unit, decimal Default, decimal Min, decimal Max, int Decimals, int SaferDirection)
{
    public decimal Round(decimal value) => Json.JsonNumbers.Normalize(Math.Round(value, Decimals, MidpointRounding.AwayFromZero));

    public decimal Clamp(decimal value) => Math.Min(Max, Math.Max(Min, value));

    public bool InBounds(decimal value) => value >= Min && value <= Max;

    /// <summary>The width of the allowed range, used to size a change relative to the parameter.</summary>
    public decimal Range => Max - Min;
}
