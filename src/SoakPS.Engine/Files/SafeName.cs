using System.Text.RegularExpressions;

namespace SoakPS.Engine.Files;

/// <summary>Names that become file names (profiles, run ids): letters, digits, '-', '_', '.', never a path.</summary>
internal static partial class SafeName
{
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$")]
    private static partial Regex Allowed();

    public static bool IsValid(string? name) => name is not null && Allowed().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal);

    public static string Check(string? name, string what)
    {
        if (!IsValid(name))
        {
            throw new SoakException("InvalidName", SoakErrorKind.InvalidArgument,
                $"The {what} '{name}' is not allowed: use letters, digits, '-', '_' and '.', without path characters.", name);
        }
        return name!;
    }
}
