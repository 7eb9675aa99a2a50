using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CloudScale.BuildingBlocks.Http;

/// <summary>
/// The correlation id that follows one shopper request through the proxy, every service and every message.
/// </summary>
public static class CorrelationId
{
    /// <summary>Header carrying the correlation id on requests, responses and messages.</summary>
    public const string HeaderName = "X-Correlation-Id";

    private const int MaxLength = 128;
    private static readonly object ItemKey = new();
    private static readonly AsyncLocal<string?> Ambient = new();

    /// <summary>
    /// The id of the work this code runs for, outside any HttpContext too (handlers, outbox writes, consumers):
    /// set per request by <see cref="CorrelationIdMiddleware"/> and per message by consumers.
    /// </summary>
    public static string? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>Accepts a caller's id only when it is short, printable ASCII; anything else is replaced.</summary>
    public static bool IsAcceptable(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && value.All(c => c is > ' ' and < (char)127);

    /// <summary>A new id: the current trace id when there is one, so logs and traces line up.</summary>
    public static string New() =>
        Activity.Current?.TraceId.ToHexString() ?? ActivityTraceId.CreateRandom().ToHexString();

    /// <summary>The id of the request being handled (set by <see cref="CorrelationIdMiddleware"/>).</summary>
    public static string Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var id) && id is string s ? s : context.TraceIdentifier;

    internal static void Set(HttpContext context, string id) => context.Items[ItemKey] = id;
}

/// <summary>
/// Reads or creates the request's correlation id, writes it back onto the request headers (so a proxy
/// forwards it), echoes it on the response and opens a logging scope with it.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[CorrelationId.HeaderName].ToString();
        var id = CorrelationId.IsAcceptable(incoming) ? incoming : CorrelationId.New();
        CorrelationId.Set(context, id);
        CorrelationId.Current = id;
        context.Request.Headers[CorrelationId.HeaderName] = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationId.HeaderName] = id;
            return Task.CompletedTask;
        });

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }
}
