namespace SoakPS.Engine.Files;

/// <summary>The Windows error codes that mean "another process has this file open" rather than "you may not".</summary>
internal static class WindowsFileErrors
{
    public const int AccessDenied = 5;
    public const int SharingViolation = 32;
    public const int LockViolation = 33;

    /// <summary>The Win32 code inside an exception's HRESULT (0x8007xxxx), or 0 when it carries none.</summary>
    public static int Win32Code(Exception e) => (e.HResult & unchecked((int)0xFFFF0000)) == unchecked((int)0x80070000) ? e.HResult & 0xFFFF : 0;

    /// <summary>An exception as .NET raises it for a Win32 error: access denied is UnauthorizedAccessException, the rest IOException.</summary>
    public static Exception Create(int code, string path) => code == AccessDenied
        ? new UnauthorizedAccessException($"Access to the path '{path}' is denied.") { HResult = unchecked((int)0x80070000) | code }
        : new IOException($"The process cannot access the file '{path}' because it is being used by another process.", unchecked((int)0x80070000) | code);
}
