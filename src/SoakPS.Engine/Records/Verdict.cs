namespace SoakPS.Engine.Records;

/// <summary>An iteration's KPI verdict, ordered from best to worst for the run verdict.</summary>
internal enum Verdict
{
    OK = 0,
    WARN = 1,
    INVALID = 2,
    FAIL = 3,
}
