namespace SoakPS.Engine.Sources;

/// <summary>
/// Finds the executable a bot command names, as the operating system would start it: a path (relative to the bot's
/// working directory) must exist; a bare name is looked up on PATH (with PATHEXT on Windows). Found up front so a typo
/// is one clear error before the run starts, not a failed iteration.
/// </summary>
internal static class CommandLocator
{
    public static string Resolve(string command, string workingDirectory)
    {
        if (string.IsNullOrWhiteSpace(command))
        {
            throw new SoakException("BotCommandNotFound", SoakErrorKind.InvalidArgument, "The bot command is empty.", command);
        }
        var isPath = command.Contains(Path.DirectorySeparatorChar) || command.Contains(Path.AltDirectorySeparatorChar) || Path.IsPathRooted(command);
        if (isPath)
        {
            var full = Path.GetFullPath(command, workingDirectory);
            return File.Exists(full)
                ? full
                : throw new SoakException("BotCommandNotFound", SoakErrorKind.ObjectNotFound, $"The bot command '{full}' does not exist.", command);
        }
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in Candidates(command))
            {
                var full = Path.Combine(folder, candidate);
                if (File.Exists(full))
                {
                    return full;
                }
            }
        }
        throw new SoakException("BotCommandNotFound", SoakErrorKind.ObjectNotFound, $"The bot command '{command}' is neither a file nor found on PATH.", command);
    }

    private static IEnumerable<string> Candidates(string command)
    {
        yield return command;
        if (OperatingSystem.IsWindows() && !Path.HasExtension(command))
        {
            foreach (var extension in (Environment.GetEnvironmentVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return command + extension;
            }
        }
    }
}
