using CloudScale.BuildingBlocks.Http;

namespace CloudScale.Proxy.Routing;

/// <summary>
/// Never forwards <c>/internal/**</c>: legacy and the modular host both serve their service-to-service stock API
/// there, and a shopper reaching it through the proxy could write stock around every check. Answers 404, as if the
/// path did not exist. Leading slashes are collapsed first, so <c>//internal/…</c> cannot slip past.
/// </summary>
internal sealed class InternalPathGuardMiddleware(RequestDelegate next)
{
    private const string InternalSegment = "internal";

    public Task InvokeAsync(HttpContext context) =>
        IsInternal(context.Request.Path.Value)
            ? ApiProblem.WriteAsync(context, StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"No resource at '{context.Request.Path}'.")
            : next(context);

    internal static bool IsInternal(string? path)
    {
        var trimmed = path.AsSpan().TrimStart('/');
        return trimmed.StartsWith(InternalSegment, StringComparison.OrdinalIgnoreCase)
            && (trimmed.Length == InternalSegment.Length || trimmed[InternalSegment.Length] == '/');
    }
}
