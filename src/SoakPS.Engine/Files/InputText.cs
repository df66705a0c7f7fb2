using System.Text;

namespace SoakPS.Engine.Files;

/// <summary>
/// The one way the engine turns the bytes of a file someone else wrote (an edge report, a profile, the live
/// overrides) into text, whatever tool wrote it: UTF-8 with or without a byte order mark (Notepad, Windows
/// PowerShell 5.1's <c>-Encoding utf8</c>, every Unix tool), or UTF-16 little or big endian with one (Windows
/// PowerShell 5.1's <c>Out-File</c> and <c>&gt;</c>). Anything else is refused with a reason naming what it found,
/// never decoded into replacement characters that a parser would then judge.
/// </summary>
internal static class InputText
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Utf16LittleEndian = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding Utf16BigEndian = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <exception cref="SoakException">InputEncoding: the bytes are none of the encodings above.</exception>
    public static string Decode(ReadOnlySpan<byte> content, string path)
    {
        // UTF-32's marks begin with UTF-16's, so they are asked first.
        if (content.StartsWith(new byte[] { 0xFF, 0xFE, 0x00, 0x00 }))
        {
            throw Unsupported(path, "UTF-32 little endian (byte order mark FF FE 00 00)");
        }
        if (content.StartsWith(new byte[] { 0x00, 0x00, 0xFE, 0xFF }))
        {
            throw Unsupported(path, "UTF-32 big endian (byte order mark 00 00 FE FF)");
        }
        if (content.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            return Strict(Utf8, content, 3, path, "UTF-8 (with a byte order mark)");
        }
        if (content.StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            return Strict(Utf16LittleEndian, content, 2, path, "UTF-16 little endian");
        }
        if (content.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return Strict(Utf16BigEndian, content, 2, path, "UTF-16 big endian");
        }
        if (content.IndexOf((byte)0) is var zero and >= 0)
        {
            throw Unsupported(path, $"not text in UTF-8: a NUL byte at offset {zero} (UTF-16 or UTF-32 without a byte order mark?)");
        }
        return Strict(Utf8, content, 0, path, "UTF-8");
    }

    private static string Strict(Encoding encoding, ReadOnlySpan<byte> content, int markLength, string path, string name)
    {
        try
        {
            return encoding.GetString(content[markLength..]);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? $" at offset {markLength + e.Index}" : string.Empty;
            var bytes = e.BytesUnknown is { Length: > 0 } unknown ? $" (bytes {Convert.ToHexString(unknown)})" : string.Empty;
            throw Unsupported(path, $"not valid {name}{bytes}{at}");
        }
    }

    private static SoakException Unsupported(string path, string found) =>
        new("InputEncoding", SoakErrorKind.InvalidData,
            $"'{path}' is {found}; expected UTF-8 (with or without a byte order mark) or UTF-16 with a byte order mark.", path);
}
