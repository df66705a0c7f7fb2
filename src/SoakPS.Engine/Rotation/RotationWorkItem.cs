namespace SoakPS.Engine.Rotation;

/// <summary>One file for a rotation worker: a one-file action, or one file a range of summaries found when its folder was read.</summary>
/// <remarks>A class, not a struct: the framework's parallel loop and directory enumeration come precompiled for reference types.</remarks>
internal sealed record RotationWorkItem(RotationAction? Action, SummaryRangeRemoval? Range, string? File, long Length);
