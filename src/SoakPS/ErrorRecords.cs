using System.Management.Automation;
using SoakPS.Engine;
using SoakPS.Output;

namespace SoakPS;

/// <summary>The one helper that makes ErrorRecords: stable ErrorId, matching category, the target object.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(SoakException error) =>
        new(error, error.ErrorId, Category(error.Kind), error.Target);

    public static ErrorRecord Create(string errorId, ErrorCategory category, string message, object? target) =>
        new(new InvalidOperationException(message), errorId, category, target);

    public static ErrorCategory Category(SoakErrorKind kind) => kind switch
    {
        SoakErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        SoakErrorKind.InvalidData => ErrorCategory.InvalidData,
        SoakErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        SoakErrorKind.ResourceBusy => ErrorCategory.ResourceBusy,
        SoakErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        SoakErrorKind.WriteError => ErrorCategory.WriteError,
        SoakErrorKind.ReadError => ErrorCategory.ReadError,
        SoakErrorKind.OperationStopped => ErrorCategory.OperationStopped,
        SoakErrorKind.SecurityError => ErrorCategory.SecurityError,
        _ => ErrorCategory.NotSpecified,
    };
}
