using System.Text;
using SoakPS.Engine.Files;
using SoakPS.Engine.Tests.Attacks;

namespace SoakPS.Engine.Tests.Artifacts;

/// <summary>
/// The reading route with fewest system calls (non-blocking open, then fstat on the descriptor) keeps every refusal of
/// the checked route: a FIFO, a device and a directory are named as such, without blocking, and the size cap holds.
/// </summary>
[Trait(WindowsLane.Trait, WindowsLane.Windows)]
public sealed class InputFileTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private readonly TempFolder _folder = new("soakps-input-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void On_linux_the_non_blocking_route_is_the_one_taken()
    {
        Assert.Equal(OperatingSystem.IsLinux(), RegularFileHandle.IsAvailable);
    }

    [Fact]
    public void A_fifo_is_refused_at_once_as_not_a_regular_file()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows file systems have no FIFOs; the Linux runs cover this class.
        }
        var fifo = Fifo.Make(_folder["ITER_SUMMARY_1.json"]);
        var error = Fifo.Within(Limit, () => Record.Exception(() => Read(fifo)));
        var soak = Assert.IsType<SoakException>(error);
        Assert.Equal("InputNotAFile", soak.ErrorId);
        Assert.Contains("not a regular file", soak.Message);
    }

    [Fact]
    public void A_character_device_is_refused_rather_than_read_to_the_limit()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var soak = Assert.IsType<SoakException>(Record.Exception(() => Read("/dev/zero")));
        Assert.Equal("InputNotAFile", soak.ErrorId);
    }

    [Fact]
    public void A_directory_and_a_missing_file_are_told_apart()
    {
        var directory = Directory.CreateDirectory(_folder["dir.json"]).FullName;
        var soak = Assert.IsType<SoakException>(Record.Exception(() => Read(directory)));
        Assert.Contains("a directory", soak.Message);
        Assert.IsType<FileNotFoundException>(Record.Exception(() => Read(_folder["missing.json"])));
        File.WriteAllText(_folder["plain.json"], "{}");
        Assert.IsType<FileNotFoundException>(Record.Exception(() => Read(Path.Combine(_folder["plain.json"], "x.json"))));
    }

    [Fact]
    public void A_symbolic_link_to_a_regular_file_is_read_through_and_one_to_a_fifo_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Symbolic links need privileges there.
        }
        File.WriteAllText(_folder["target.json"], "{\"a\": 1}");
        File.CreateSymbolicLink(_folder["link.json"], _folder["target.json"]);
        Assert.Equal("{\"a\": 1}", Read(_folder["link.json"]));
        File.CreateSymbolicLink(_folder["pipe-link.json"], Fifo.Make(_folder["pipe"]));
        var error = Fifo.Within(Limit, () => Record.Exception(() => Read(_folder["pipe-link.json"])));
        Assert.Equal("InputNotAFile", Assert.IsType<SoakException>(error).ErrorId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16 * 1024 - 1)]
    [InlineData(16 * 1024)]
    [InlineData(16 * 1024 + 1)]
    [InlineData(300_000)]
    public void Files_around_the_buffer_size_are_read_whole_and_exactly(int size)
    {
        var content = new byte[size];
        new Random(size).NextBytes(content);
        File.WriteAllBytes(_folder["f.bin"], content);
        var buffer = new byte[16 * 1024];
        Assert.Equal(content, InputFile.ReadBytes(_folder["f.bin"], ref buffer).ToArray());
        Assert.Equal(content, InputFile.ReadBytes(_folder["f.bin"], ref buffer).ToArray());
    }

    [Theory]
    [InlineData(16 * 1024 + 1)]
    [InlineData(300_000)]
    public void Compressed_files_that_inflate_past_the_buffer_are_read_whole_and_exactly(int size)
    {
        var content = new byte[size];
        new Random(size).NextBytes(content);
        using (var gz = new System.IO.Compression.GZipStream(File.Create(_folder["f.json.gz"]), System.IO.Compression.CompressionLevel.Fastest))
        {
            gz.Write(content);
        }
        var buffer = new byte[16 * 1024];
        Assert.Equal(content, InputFile.ReadBytes(_folder["f.json.gz"], ref buffer).ToArray());
        Assert.Equal(content, InputFile.ReadAtMost(new MemoryStream(content), size, () => new SoakException("x", SoakErrorKind.InvalidData, "too large")));
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_before_it_is_read()
    {
        File.WriteAllBytes(_folder["big.json"], new byte[4097]);
        var buffer = new byte[16];
        var soak = Assert.IsType<SoakException>(Record.Exception(() => InputFile.ReadBytes(_folder["big.json"], ref buffer, maxBytes: 4096)));
        Assert.Equal("InputTooLarge", soak.ErrorId);
        Assert.Equal(16, buffer.Length);
        File.WriteAllBytes(_folder["fits.json"], new byte[4096]);
        Assert.Equal(4096, InputFile.ReadBytes(_folder["fits.json"], ref buffer, maxBytes: 4096).Length);
    }

    private static string Read(string path)
    {
        var buffer = new byte[64];
        return Encoding.UTF8.GetString(InputFile.ReadBytes(path, ref buffer));
    }
}
