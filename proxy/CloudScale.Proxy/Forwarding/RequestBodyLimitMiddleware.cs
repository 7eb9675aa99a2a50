using CloudScale.BuildingBlocks.Http;

namespace CloudScale.Proxy.Forwarding;

/// <summary>
/// Refuses an over-limit body at the edge, before anything is forwarded. Left to the backend, the backend answers
/// 413 and closes the connection while the proxy is still sending, and the shopper sees a 502 instead of a 413.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, long maxBodyBytes)
{
    /// <summary>Configuration key for the limit; the default equals the shopper API's own limit.</summary>
    public const string ConfigKey = "Proxy:MaxRequestBodyBytes";

    public const long DefaultMaxBodyBytes = 64 * 1024;

    public Task InvokeAsync(HttpContext context) =>
        context.Request.ContentLength > maxBodyBytes
            ? ApiProblem.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge,
                $"The request body is {context.Request.ContentLength} bytes; at most {maxBodyBytes} are accepted.")
            : next(context);
}
