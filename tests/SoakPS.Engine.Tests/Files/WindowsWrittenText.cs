using System.Text;

namespace SoakPS.Engine.Tests.Artifacts;

/// <summary>
/// The bytes Windows tools write for a text, CRLF line ends included: Windows PowerShell 5.1's Out-File and
/// <c>&gt;</c> (UTF-16 LE with its mark), its <c>-Encoding utf8</c> and Notepad's "UTF-8 with BOM" (EF BB BF),
/// Notepad's "UTF-16 BE" (FE FF) and its plain "UTF-8" (no mark).
/// </summary>
public static class WindowsWrittenText
{
    public static readonly TheoryData<string> Writers = new()
    {
        "WindowsPowerShell51-OutFile", "WindowsPowerShell51-OutFile-Utf8", "Notepad-Utf8", "Notepad-Utf8-Bom", "Notepad-Utf16-BE",
    };

    public static byte[] Bytes(string writer, string text)
    {
        var crlf = text.ReplaceLineEndings("\r\n") + "\r\n";
        return writer switch
        {
            "WindowsPowerShell51-OutFile" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(crlf)],
            "WindowsPowerShell51-OutFile-Utf8" or "Notepad-Utf8-Bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(crlf)],
            "Notepad-Utf16-BE" => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(crlf)],
            "Notepad-Utf8" => Encoding.UTF8.GetBytes(crlf),
            _ => throw new ArgumentOutOfRangeException(nameof(writer), writer, "no such writer"),
        };
    }

    /// <summary>An edge report as a person lays it out in an editor: one field a line.</summary>
    public static string Report(double net) => ReportTexts.Make(net: net, risk: 0.2).Replace(",", ",\n").Replace("{", "{\n");
}
