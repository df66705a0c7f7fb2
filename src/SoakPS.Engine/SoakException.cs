namespace SoakPS.Engine;

/// <summary>What kind of failure a <see cref="SoakException"/> is; the module maps it to an ErrorCategory.</summary>
internal enum SoakErrorKind
{
    InvalidArgument,
    InvalidData,
    ObjectNotFound,
    ResourceBusy,
    InvalidOperation,
    WriteError,
    ReadError,
    OperationStopped,
    SecurityError,
}

/// <summary>
/// An error the engine reports to its host with a stable identifier. The PowerShell layer turns it into an
/// ErrorRecord whose ErrorId is <see cref="ErrorId"/>.
/// </summary>
internal sealed class SoakException : Exception
{
    public SoakException(string errorId, SoakErrorKind kind, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
    }

    public string ErrorId { get; }
    public SoakErrorKind Kind { get; }
    public object? Target { get; }
}
