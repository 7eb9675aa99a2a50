using System.Diagnostics;
using CloudScale.BuildingBlocks.Http;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CloudScale.BuildingBlocks.Modules;

/// <summary>
/// Logs each request by its type name only, with the correlation id and duration. The request itself is never
/// logged: some carry card numbers or addresses.
/// </summary>
internal sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["CorrelationId"] = CorrelationId.Current, ["Request"] = name });
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            logger.LogDebug("{Request} handled in {ElapsedMs:F1} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (ApiException ex) when (ex.Status < 500)
        {
            logger.LogInformation("{Request} refused with {Code} in {ElapsedMs:F1} ms", name, ex.Code, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogWarning("{Request} failed with {Error} after {ElapsedMs:F1} ms", name, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
