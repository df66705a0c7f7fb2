namespace SoakPS.Output;

/// <summary>One parameter changed (or, with -WhatIf, to be changed) by Undo-SoakTuning.</summary>
public sealed class SoakParameterChange
{
    internal SoakParameterChange(string? runId, string parameter, decimal oldValue, decimal newValue, string reason, bool whatIf)
    {
        RunId = runId;
        Parameter = parameter;
        OldValue = oldValue;
        NewValue = newValue;
        Reason = reason;
        WhatIf = whatIf;
    }

    public string? RunId { get; }
    public string Parameter { get; }
    public decimal OldValue { get; }
    public decimal NewValue { get; }
    public string Reason { get; }

    /// <summary>True when nothing was written (-WhatIf or declined).</summary>
    public bool WhatIf { get; }
}
