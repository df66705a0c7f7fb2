using SoakPS.Engine.Artifacts;

namespace SoakPS.Engine.Parameters;

// Interim (replaced by the params branch).
public sealed class ProfileStore
{
    public ProfileStore(ArtifactLayout layout) => Layout = layout;
    public ArtifactLayout Layout { get; }
}
