namespace CloudScale.BuildingBlocks.Http;

/// <summary>
/// A failure the caller can act on (unknown id, wrong state, invalid field). The error middleware renders it as
/// problem details with <see cref="Code"/>; nothing the request touched is committed, because it unwinds the
/// transaction that was open.
/// </summary>
public sealed class ApiException(
    int status,
    string code,
    string detail,
    IDictionary<string, string[]>? errors = null,
    IReadOnlyDictionary<string, object?>? extensions = null) : Exception(detail)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public IDictionary<string, string[]>? Errors { get; } = errors;

    public IReadOnlyDictionary<string, object?>? Extensions { get; } = extensions;

    public static ApiException NotFound(string code, string detail) => new(404, code, detail);

    public static ApiException Conflict(string code, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(409, code, detail, extensions: extensions);
}
