namespace SoakPS.Engine.Rotation;

/// <summary>Everything rotation would do to a root, decided before anything is touched, so -WhatIf can show all of it.</summary>
/// <param name="LatestRunId">The run id latest/ held when planned; execution re-checks it before touching latest/.</param>
internal sealed record RotationPlan(string Root, DateTimeOffset PlannedUtc, long BytesBefore, IReadOnlyList<RotationAction> Actions, string? LatestRunId);
