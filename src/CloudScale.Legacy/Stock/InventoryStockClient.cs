using System.Net.Http.Json;
using System.Text.Json;
using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Legacy.Data;
using Microsoft.Extensions.Options;

namespace CloudScale.Legacy.Stock;

/// <summary>
/// The Inventory module's internal stock API on the modular host (<c>Legacy:Inventory:BaseAddress</c>), used by
/// <see cref="LegacyStockGateway"/> while Inventory owns stock. Answers are the owner's: its 409
/// <see cref="InternalStockApi.OwnerMovedCode"/> becomes <see cref="StockOwnerMovedException"/> (route again), its other
/// refusals pass through as the same problem, and a host that cannot be reached or fails becomes
/// <see cref="StockOwnerUnavailableException"/>.
/// </summary>
internal sealed class InventoryStockClient(IHttpClientFactory clients, ILogger<InventoryStockClient> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const string ClientName = "inventory-stock";

    /// <summary>Registers the named client with the configured address and timeout.</summary>
    public static void AddInventoryStockClient(IServiceCollection services) =>
        services.AddHttpClient(ClientName, Configure);

    private static void Configure(IServiceProvider services, HttpClient client)
    {
        var settings = services.GetRequiredService<IOptions<LegacyOptions>>().Value.Inventory;
        client.BaseAddress = settings.BaseAddress;
        client.Timeout = settings.Timeout;
    }

    /// <summary>Null when the owner does not stock the product.</summary>
    public async Task<InternalStockLevel?> GetLevelAsync(Guid productId, CancellationToken ct)
    {
        try
        {
            return await SendAsync<InternalStockLevel>(HttpMethod.Get, InternalStockApi.Level(productId), null, ct);
        }
        catch (ApiException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<InternalStockLevel>> GetLevelsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct) =>
        (await SendAsync<InternalAvailabilityResponse>(HttpMethod.Post, InternalStockApi.Levels, new InternalAvailabilityRequest(productIds.ToList()), ct)).Items;

    public Task<InternalReserveResponse> ReserveAsync(InternalReserveRequest request, CancellationToken ct) =>
        SendAsync<InternalReserveResponse>(HttpMethod.Post, InternalStockApi.Reservations, request, ct);

    public Task<InternalReservationOutcome> CommitAsync(Guid reservationId, CancellationToken ct) =>
        SendAsync<InternalReservationOutcome>(HttpMethod.Post, InternalStockApi.Commit(reservationId), null, ct);

    public Task<InternalReservationOutcome> ReleaseAsync(Guid reservationId, string reason, CancellationToken ct) =>
        SendAsync<InternalReservationOutcome>(HttpMethod.Post, InternalStockApi.Release(reservationId), new InternalReleaseRequest(reason), ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
        where T : class
    {
        var http = clients.CreateClient(ClientName);
        if (http.BaseAddress is null)
        {
            throw new StockOwnerUnavailableException(
                "Inventory owns stock but Legacy:Inventory:BaseAddress is not set; set it to the modular host (e.g. http://127.0.0.1:8082/).");
        }

        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(Json, ct)
                       ?? throw new StockOwnerUnavailableException($"The Inventory owner answered {method} {path} with an empty body.");
            }

            var (code, detail) = await ReadProblemAsync(response, ct);
            var status = (int)response.StatusCode;
            if (status == 409 && code == InternalStockApi.OwnerMovedCode)
            {
                throw new StockOwnerMovedException(StockOwner.Legacy);
            }

            if (status is >= 400 and < 500 && code is not null)
            {
                throw new ApiException(status, code, detail ?? $"The stock owner refused {method} {path}.");
            }

            throw new StockOwnerUnavailableException($"The Inventory owner answered {method} {path} with {status} ({code ?? "no problem code"}).");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning("Inventory stock owner unreachable for {Method} {Path}: {Reason}", method, path, ex.Message);
            throw new StockOwnerUnavailableException($"The Inventory owner at {http.BaseAddress} could not be reached for {method} {path}: {ex.Message}");
        }
    }

    private static async Task<(string? Code, string? Detail)> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = problem.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (root.TryGetProperty("code", out var code) ? code.GetString() : null,
                root.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
