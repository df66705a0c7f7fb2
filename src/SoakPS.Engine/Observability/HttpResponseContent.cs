namespace SoakPS.Engine.Observability;

/// <summary>What the loopback server answers for one path: a content type and the body, produced when asked.</summary>
public sealed record HttpResponseContent(string ContentType, Func<byte[]> Body);
