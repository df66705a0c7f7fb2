using System.Text.Json;

namespace SoakPS.Engine.Json;

/// <summary>The snake_case spelling of an enum value, as written in every artifact ("final_iteration").</summary>
internal static class SnakeCase
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
