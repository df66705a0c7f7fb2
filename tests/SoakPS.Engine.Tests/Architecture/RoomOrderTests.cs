namespace SoakPS.Engine.Tests.Architecture;

/// <summary>The engine's rooms depend in one direction, the one docs/architecture.md draws.</summary>
public class RoomOrderTests
{
    private static readonly string Engine = EngineReferences.EngineFolder();

    private static readonly RoomOrder Order = RoomOrder.Parse(
        File.ReadAllText(Path.Combine(Engine, "..", "..", "docs", "architecture.md")).ReplaceLineEndings("\n"));

    private static readonly Lazy<IReadOnlyList<EngineReference>> References = new(() => EngineReferences.Scan(Engine));

    [Fact]
    public void Every_folder_of_the_engine_is_a_room_of_the_order()
    {
        var folders = Directory.GetDirectories(Engine).Select(Path.GetFileName).Where(f => f is not ("obj" or "bin")).Append("(root)");
        Assert.Empty(folders.Except(Order.Rooms).Order(StringComparer.Ordinal));
        Assert.Empty(Order.Rooms.Except(folders).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_reference_goes_up_the_order_or_across_to_a_peer()
    {
        var violations = References.Value.Select(Order.Violation).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(violations.Count == 0, $"{violations.Count} reference(s) against the order of rooms in docs/architecture.md:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void The_scan_sees_references_between_rooms()
    {
        // A scan that bound nothing would pass the test above; the run loop uses rooms below it in signatures and bodies.
        Assert.Contains(References.Value, r => r.File == "Runs/SoakRunner.cs" && r.Target == "SoakPS.Engine.Guards.GuardPipeline");
        Assert.Contains(References.Value, r => r.File == "Journal/OverridesGateway.cs" && r.Target == "SoakPS.Engine.Records.RunManifest");
    }

    [Fact]
    public void A_fully_qualified_call_up_the_order_inside_a_method_body_fails()
    {
        var violation = Assert.Single(ViolationsOf("Files/UpTheOrder.cs", """
            namespace SoakPS.Engine.Files;

            internal static class UpTheOrder
            {
                internal static string LatestRunId(ArtifactLayout layout) => SoakPS.Engine.Records.RunManifest.Read(layout.LatestRun).RunId;
            }
            """));
        Assert.Equal("Files/UpTheOrder.cs: SoakPS.Engine.Files.UpTheOrder uses SoakPS.Engine.Records.RunManifest (Records/RunManifest.cs); Files may not reach Records, above it", violation);
    }

    [Fact]
    public void A_reference_to_a_peer_fails()
    {
        var violation = Assert.Single(ViolationsOf("Canary/PeerWatch.cs", """
            namespace SoakPS.Engine.Canary;

            internal static class PeerWatch
            {
                internal static Type Server() => typeof(Observability.ListenAddress);
            }
            """));
        Assert.Contains("Canary may not reach Observability, a peer", violation);
    }

    [Fact]
    public void References_down_the_order_and_within_a_room_pass()
    {
        var references = EngineReferences.Scan(Engine, "Runs/DownTheOrder.cs", """
            namespace SoakPS.Engine.Runs;

            internal static class DownTheOrder
            {
                internal static object Use() => (SoakPS.Engine.Files.SafeName.IsValid("a"), typeof(SoakRunner));
            }
            """);

        Assert.Contains(references, r => r.TargetRoom == "Files");
        Assert.All(references, r => Assert.Null(Order.Violation(r)));
    }

    /// <summary>What the order says of one more file of the engine.</summary>
    private static IReadOnlyList<string> ViolationsOf(string file, string text) =>
        EngineReferences.Scan(Engine, file, text).Select(Order.Violation).OfType<string>().ToList();
}
