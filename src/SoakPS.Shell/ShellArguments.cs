namespace SoakPS.Shell;

/// <summary>
/// The subset of pwsh's command line this shell understands: -Command &lt;text...&gt;, -File &lt;path&gt; [args...],
/// and the switches a CI step typically passes (-NoProfile, -NonInteractive, -NoLogo), which are accepted and ignored.
/// </summary>
public sealed record ShellArguments(string? Command, string? File, IReadOnlyList<string> FileArguments)
{
    public const string Usage =
        "usage: SoakPS.Shell [-NoProfile] [-NonInteractive] (-Command <text...> | -Command - | -File <path> [args...])";

    private static readonly string[] IgnoredSwitches = ["-noprofile", "-nop", "-noninteractive", "-noni", "-nologo"];

    public static ShellArguments Parse(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var lower = arg.ToLowerInvariant();
            if (IgnoredSwitches.Contains(lower))
            {
                continue;
            }
            if (lower is "-command" or "-c" or "--command")
            {
                // Like pwsh: everything after -Command is the command text.
                var rest = args.Skip(i + 1).ToArray();
                if (rest is ["-"])
                {
                    // Like pwsh: '-Command -' reads the command text from stdin.
                    return new ShellArguments(Console.In.ReadToEnd(), null, []);
                }
                return rest.Length == 0
                    ? throw new ArgumentException("-Command needs the command text.")
                    : new ShellArguments(string.Join(' ', rest), null, []);
            }
            if (lower is "-file" or "-f" or "--file")
            {
                return i + 1 < args.Count
                    ? new ShellArguments(null, args[i + 1], args.Skip(i + 2).ToArray())
                    : throw new ArgumentException("-File needs a script path.");
            }
            if (lower is "-help" or "-h" or "--help" or "-?" or "/?")
            {
                throw new ArgumentException(Usage);
            }
            if (arg.StartsWith('-'))
            {
                throw new ArgumentException($"Unknown option '{arg}'. {Usage}");
            }
            // Like pwsh: a bare first argument is the script file.
            return new ShellArguments(null, arg, args.Skip(i + 1).ToArray());
        }
        throw new ArgumentException(Usage);
    }
}
