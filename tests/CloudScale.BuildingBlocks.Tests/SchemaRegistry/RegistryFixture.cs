using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudScale.DevStack.SchemaRegistry;
using CloudScale.Testing;

namespace CloudScale.BuildingBlocks.Tests.SchemaRegistry;

/// <summary>The registry stand-in on a real socket over a fresh database; restartable on the same database.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public LoopbackApp Registry { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("registry");
        await StartAsync();
    }

    /// <summary>Stops the registry and starts a new one over the same database, as a process restart would.</summary>
    public async Task RestartAsync()
    {
        Http.Dispose();
        await Registry.DisposeAsync();
        await StartAsync();
    }

    public async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(RegistryEndpoints.ContentType);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public Task<(int Status, JsonNode? Body)> RegisterAsync(string subject, string schema) =>
        SendAsync(HttpMethod.Post, $"/subjects/{subject}/versions", new { schema });

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Registry.DisposeAsync();
        await Database.DisposeAsync();
    }

    private async Task StartAsync()
    {
        Registry = await LoopbackApp.StartAsync(RegistryApp.Create(LoopbackApp.Args(
            ("ConnectionStrings:SchemaRegistry", Database.ConnectionString), ("Logging:LogLevel:Default", "Warning"))));
        Http = Registry.CreateClient();
    }
}
