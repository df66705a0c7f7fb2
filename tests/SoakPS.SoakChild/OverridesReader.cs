using System.Text.Json;

/// <summary>
/// A bot's way of reading runtime_overrides.json, in a loop until a stop file appears: opened as Python's open() and
/// .NET's File.ReadAllText open it on Windows (sharing read, not delete), held a moment while parsed. Prints "ready"
/// after its first read and, at the end, how many reads parsed, were partial or found no file, how many distinct
/// contents it saw, and how many opens Windows refused as a sharing violation: in the instant of a replace the new file
/// is still open for the rename, and an open that does not share delete is refused, so a bot retries (as it must).
/// </summary>
internal static class OverridesReader
{
    public static int Run(string path, string stopFile)
    {
        int reads = 0, partial = 0, missing = 0, busy = 0;
        var seen = new HashSet<string>();
        while (!File.Exists(stopFile))
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
                using (var reader = new StreamReader(stream))
                {
                    var text = reader.ReadToEnd();
                    Thread.Sleep(1);
                    try
                    {
                        using var document = JsonDocument.Parse(text);
                        seen.Add(document.RootElement.GetRawText());
                        if (++reads == 1)
                        {
                            Console.Out.WriteLine("ready");
                            Console.Out.Flush();
                        }
                    }
                    catch (JsonException)
                    {
                        partial++;
                    }
                }
            }
            catch (FileNotFoundException)
            {
                missing++;
            }
            catch (IOException e) when ((e.HResult & 0xFFFF) == 32)
            {
                busy++;
            }
            Thread.Sleep(1);
        }
        Console.Out.WriteLine($"reads {reads} partial {partial} missing {missing} distinct {seen.Count} busy {busy}");
        return 0;
    }
}
