namespace SoakPS.Engine.Observability;

/// <summary>
/// What the loopback server answers for one path: a content type and the body, produced when asked from the request's
/// query string ("" when there is none); a null body means the query is not understood (400).
/// </summary>
internal sealed record HttpResponseContent(string ContentType, Func<string, byte[]?> Body);
