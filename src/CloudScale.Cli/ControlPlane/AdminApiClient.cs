using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudScale.Cli.ControlPlane;

/// <summary>
/// The proxy's admin API (<c>/_cloudscale/</c>) as the CLI uses it: bearer token from <c>.cloudscale/secrets/admin-token</c>,
/// the caller as <c>X-CloudScale-Actor</c> (user@host) for the audit, problem details turned into one-line errors
/// (400 → usage exit code 2, anything else → 1).
/// </summary>
internal sealed class AdminApiClient : IDisposable
{
    public const string ActorHeader = "X-CloudScale-Actor";

    private readonly HttpClient _http;

    public AdminApiClient(Uri proxyAddress, string token, string actor)
    {
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            BaseAddress = new Uri(proxyAddress, "/_cloudscale/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.Add(ActorHeader, actor);
    }

    public static AdminApiClient ForStack(CliContext context) =>
        new(new Uri(context.Stack.Proxy.InternalAddress), AdminToken.Read(context.Layout), Actor());

    /// <summary>Who is at the keyboard, as the audit records it.</summary>
    public static string Actor()
    {
        var user = Environment.GetEnvironmentVariable("SUDO_USER") ?? Environment.UserName;
        var actor = $"{user}@{Environment.MachineName}";
        return new string(actor.Where(c => c is >= ' ' and <= '~').Take(100).ToArray());
    }

    public Task<JsonObject> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<JsonObject> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: JsonSerializerOptions.Web) }, cancellationToken);

    private async Task<JsonObject> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new CliException(
                $"the proxy's admin API at {_http.BaseAddress} is not reachable ({e.Message}); start the stack with './cloudscale up -d'");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonObject? body = null;
            try
            {
                body = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                // Not JSON: reported below with the status code.
            }

            if (response.IsSuccessStatusCode)
            {
                return body ?? [];
            }

            var code = body?["code"]?.GetValue<string>();
            var detail = body?["detail"]?.GetValue<string>() ?? body?["title"]?.GetValue<string>() ?? text;
            var message = $"{(int)response.StatusCode} {code ?? response.ReasonPhrase}: {detail}".TrimEnd(' ', ':');
            throw response.StatusCode switch
            {
                HttpStatusCode.BadRequest => CliException.Usage(message),
                HttpStatusCode.Unauthorized => new CliException(
                    $"{message} (the token in .cloudscale/secrets/admin-token does not match the running proxy's; restart it with './cloudscale down && ./cloudscale up -d')"),
                _ => new CliException(message),
            };
        }
    }

    public void Dispose() => _http.Dispose();
}
