using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;

namespace CloudScale.Proxy.ControlPlane;

/// <summary>
/// What every admin change needs from the request: who makes it (<c>X-CloudScale-Actor</c>, else
/// <see cref="DefaultActor"/>) and the JSON body, read by hand so a malformed or missing one is a 400
/// <c>invalid_body</c> that names the problem instead of a generic binding failure.
/// </summary>
internal static class AdminRequest
{
    public const string ActorHeader = "X-CloudScale-Actor";
    public const string DefaultActor = "admin-api";
    public const int MaxActorLength = 100;

    public static ChangeActor Actor(HttpRequest request, string? reason)
    {
        if (!request.Headers.TryGetValue(ActorHeader, out var values))
        {
            return new ChangeActor(DefaultActor, reason ?? "");
        }

        var actor = values.Count == 1 ? values[0]?.Trim() : null;
        if (string.IsNullOrEmpty(actor) || actor.Length > MaxActorLength || actor.Any(char.IsControl))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, ControlPlaneErrors.InvalidActor,
                $"{ActorHeader} must be sent once, as 1..{MaxActorLength} printable characters (who makes the change, for the audit); omit it to be recorded as '{DefaultActor}'.");
        }

        return new ChangeActor(actor, reason ?? "");
    }

    /// <summary>The body as <typeparamref name="T"/>; null only when <paramref name="required"/> is false and there is no body.</summary>
    public static async Task<T?> BodyAsync<T>(HttpRequest request, JsonTypeInfo<T> type, bool required, CancellationToken cancel)
        where T : class
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancel);
        if (buffer.Length == 0)
        {
            return required
                ? throw InvalidBody("This request needs a JSON object body.")
                : null;
        }

        buffer.Position = 0;
        try
        {
            return JsonSerializer.Deserialize(buffer, type) ?? throw InvalidBody("The body must be a JSON object, not null.");
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" at '{ex.Path}'";
            throw InvalidBody($"The body is not a valid JSON object for this request{where}.");
        }
    }

    private static ApiException InvalidBody(string detail) =>
        new(StatusCodes.Status400BadRequest, ProxyProblemCodes.InvalidBody, detail);
}
