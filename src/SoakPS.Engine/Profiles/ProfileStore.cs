
using SoakPS.Engine.Files;
using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Profiles;

/// <summary>
/// The profiles available under one artifact root: the built-ins and the user files profiles/&lt;name&gt;.json.
/// A user file may not take a built-in's name: the built-in always wins and the file is reported.
/// </summary>
internal sealed class ProfileStore
{
    private readonly ArtifactLayout _layout;
    private readonly ParameterCatalog _catalog;

    public ProfileStore(ArtifactLayout layout, ParameterCatalog? catalog = null)
    {
        _layout = layout;
        _catalog = catalog ?? ParameterCatalog.Default;
    }

    public ParameterCatalog Catalog => _catalog;

    /// <summary>Every profile name, built-ins first, without reading the user files (cheap enough for tab completion).</summary>
    public IReadOnlyList<string> Names()
    {
        var user = UserFiles()
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Where(n => SafeName.IsValid(n) && !BuiltInProfiles.IsBuiltIn(n))
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase);
        return BuiltInProfiles.All.Select(p => p.Name).Concat(user).ToArray();
    }

    /// <summary>All profiles; a user file that cannot be used is reported to <paramref name="onInvalid"/> with its name and skipped.</summary>
    public IReadOnlyList<Profile> List(Action<string, SoakException>? onInvalid = null)
    {
        var profiles = new List<Profile>(BuiltInProfiles.All);
        foreach (var file in UserFiles().OrderBy(f => f, StringComparer.OrdinalIgnoreCase))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            try
            {
                if (BuiltInProfiles.IsBuiltIn(name)) throw ShadowsBuiltIn(name, file);
                SafeName.Check(name, "profile name");
                profiles.Add(LoadUser(name, file));
            }
            catch (SoakException e)
            {
                onInvalid?.Invoke(name, e);
            }
        }
        return profiles;
    }

    /// <summary>One profile by exact name; "ProfileNotFound" lists the available ones.</summary>
    public Profile Load(string name)
    {
        SafeName.Check(name, "profile name");
        if (BuiltInProfiles.TryGet(name, out var builtIn)) return builtIn;
        var file = _layout.ProfileFile(name);
        if (!File.Exists(file))
        {
            // Profile names are case-insensitive, as PowerShell users expect, also on case-sensitive file systems.
            var match = UserFiles().FirstOrDefault(f => string.Equals(Path.GetFileNameWithoutExtension(f), name, StringComparison.OrdinalIgnoreCase));
            if (match is not null) return LoadUser(Path.GetFileNameWithoutExtension(match), match);

            throw new SoakException("ProfileNotFound", SoakErrorKind.ObjectNotFound,
                $"No profile named '{name}' (looked for built-ins and '{file}'). Available: {string.Join(", ", Names())}.", name);
        }
        return LoadUser(name, file);
    }

    /// <summary>Writes a user profile atomically in the structured format; built-in names are refused.</summary>
    public string Save(Profile profile)
    {
        SafeName.Check(profile.Name, "profile name");
        if (BuiltInProfiles.IsBuiltIn(profile.Name)) throw ShadowsBuiltIn(profile.Name, _layout.ProfileFile(profile.Name));
        var path = _layout.ProfileFile(profile.Name);
        var text = ProfileFile.Serialize(profile);
        // Parse what is about to be written, so a profile that could not be read back is never saved.
        ProfileFile.Parse(profile.Name, text, path, _catalog);
        AtomicFile.WriteAllText(path, text);
        return path;
    }

    /// <summary>A profile is a few kilobytes; a file of megabytes is a mistake, not a profile.</summary>
    public const long MaxProfileBytes = 1024 * 1024;

    private Profile LoadUser(string name, string file)
    {
        string text;
        try
        {
            text = InputFile.ReadText(file, MaxProfileBytes);
        }
        catch (SoakException e)
        {
            throw new SoakException("InvalidProfileFile", SoakErrorKind.InvalidData, $"Profile file '{file}' could not be read: {e.Message}", file, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SoakException("InvalidProfileFile", SoakErrorKind.ReadError, $"Profile file '{file}' could not be read: {e.Message}", file, e);
        }
        var profile = ProfileFile.Parse(name, text, file, _catalog);
        // Found at load, not when the panic fires many iterations into a run.
        if (profile.Policy?.Guards.PanicTarget is { } target && target != "last_good" && !Names().Contains(target, StringComparer.OrdinalIgnoreCase))
        {
            throw new SoakException("UnknownPanicTarget", SoakErrorKind.InvalidData,
                $"Profile file '{file}': policy.guards.panic_target '{target}' names no profile. Available: {string.Join(", ", Names())}, or last_good.", target);
        }
        return profile;
    }

    private IEnumerable<string> UserFiles() =>
        Directory.Exists(_layout.Profiles) ? Directory.EnumerateFiles(_layout.Profiles, "*.json").Where(f => !AtomicFile.IsTempFile(f)) : Array.Empty<string>();

    private static SoakException ShadowsBuiltIn(string name, string file) =>
        new("BuiltInProfileImmutable", SoakErrorKind.InvalidOperation,
            $"'{name}' is a built-in profile and cannot be replaced or shadowed by '{file}'. Choose another name (e.g. '{name}_custom').", name);
}
