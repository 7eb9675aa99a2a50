using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Inventory.Application;
using CloudScale.Inventory.Application.Routing;
using CloudScale.Inventory.Contracts;
using Microsoft.Extensions.Logging;

namespace CloudScale.Inventory.Infrastructure.Legacy;

/// <summary>
/// The anti-corruption adapter over legacy's internal stock API (<see cref="InternalStockApi"/>, at
/// <c>Inventory:Legacy:BaseAddress</c>), used while legacy owns stock. The wire records stay here; Inventory sees its
/// own contract types. Legacy's refusals become the problems the module itself throws (so a caller cannot tell which
/// side answered); its 409 <c>stock_owner_moved</c> becomes <see cref="StockOwnerMovedException"/> (the facade routes
/// again); anything else going wrong on the way — refused connection, timeout, 5xx, an unreadable answer — is a 503
/// <c>stock_owner_unavailable</c>. No retries here: the caller's reservation id makes its own retry safe.
/// </summary>
internal sealed class LegacyStockOwnerClient(HttpClient http, ILogger<LegacyStockOwnerClient> logger) : IRemoteStockOwner
{
    public async Task<StockLevel> GetLevelAsync(Guid productId, CancellationToken cancellationToken)
    {
        var level = await SendAsync<InternalStockLevel>(HttpMethod.Get, InternalStockApi.Level(productId), null, productId, cancellationToken);
        return level.ProductId == productId
            ? ToContract(level)
            : throw Unreadable($"GET {InternalStockApi.Level(productId)} answered product {level.ProductId}");
    }

    public async Task<IReadOnlyList<StockLevel>> GetLevelsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        var body = await SendAsync<InternalAvailabilityResponse>(
            HttpMethod.Post, InternalStockApi.Levels, new InternalAvailabilityRequest(productIds.Distinct().ToList()), null, cancellationToken);
        return (body.Items ?? throw Unreadable($"POST {InternalStockApi.Levels} answered no items"))
            .Select(ToContract)
            .OrderBy(level => level.ProductId)
            .ToList();
    }

    public async Task<ReservationResult> ReserveAsync(ReserveStock request, CancellationToken cancellationToken)
    {
        var wire = new InternalReserveRequest(
            request.ReservationId,
            request.Lines.Select(line => new InternalStockLine(line.ProductId, line.Quantity)).ToList(),
            request.Reference,
            request.HoldFor is { } holdFor ? (int)Math.Ceiling(holdFor.TotalSeconds) : null);
        InternalReserveResponse body;
        try
        {
            body = await SendAsync<InternalReserveResponse>(HttpMethod.Post, InternalStockApi.Reservations, wire, null, cancellationToken);
        }
        catch (ApiException ex) when (ex is { Status: 404, Code: InventoryProblems.ProductNotFound })
        {
            throw await UnknownProductAsync(request, ex, cancellationToken);
        }

        if (body.ReservationId != request.ReservationId || (body.Reserved && body.ExpiresAt is null))
        {
            throw Unreadable($"POST {InternalStockApi.Reservations} answered an unusable reservation for '{request.ReservationId}'");
        }

        return new ReservationResult(
            body.ReservationId,
            body.Reserved,
            body.Reserved ? body.ExpiresAt : null,
            body.Reserved ? [] : (body.Shortages ?? []).Select(s => new StockShortage(s.ProductId, s.Wanted, s.Available)).ToList());
    }

    public async Task<CommitResult> CommitAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        var outcome = await SendAsync<InternalReservationOutcome>(HttpMethod.Post, InternalStockApi.Commit(reservationId), null, null, cancellationToken);
        var state = ToState(outcome, reservationId, InternalStockApi.Commit(reservationId));
        return new CommitResult(reservationId, outcome.Done && state == ReservationState.Committed, state);
    }

    public async Task<ReservationState> ReleaseAsync(Guid reservationId, string reason, CancellationToken cancellationToken)
    {
        var outcome = await SendAsync<InternalReservationOutcome>(
            HttpMethod.Post, InternalStockApi.Release(reservationId), new InternalReleaseRequest(reason), null, cancellationToken);
        return ToState(outcome, reservationId, InternalStockApi.Release(reservationId));
    }

    /// <summary>
    /// The module names the first line (in request order) whose product it does not stock; legacy's problem may word
    /// it differently, so the lines are looked up to name the same product the module would.
    /// </summary>
    private async Task<ApiException> UnknownProductAsync(ReserveStock request, ApiException fromLegacy, CancellationToken cancellationToken)
    {
        var known = (await GetLevelsAsync(request.Lines.Select(line => line.ProductId).ToList(), cancellationToken))
            .Select(level => level.ProductId)
            .ToHashSet();
        return request.Lines.FirstOrDefault(line => !known.Contains(line.ProductId)) is { } unknown
            ? InventoryProblems.ProductNotFoundError(unknown.ProductId)
            : fromLegacy;
    }

    private static StockLevel ToContract(InternalStockLevel level) => new(level.ProductId, level.OnHand, level.Reserved, level.Available);

    private ReservationState ToState(InternalReservationOutcome outcome, Guid reservationId, string path) =>
        outcome.ReservationId == reservationId && Enum.TryParse<ReservationState>(outcome.State, ignoreCase: false, out var state)
                                               && Enum.IsDefined(state)
            ? state
            : throw Unreadable($"POST {path} answered state '{outcome.State}' for reservation '{outcome.ReservationId}'");

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, Guid? productId, CancellationToken cancellationToken)
        where T : class
    {
        if (http.BaseAddress is null)
        {
            logger.LogError("Legacy owns stock but {Setting} is not set; stock calls cannot be routed", "Inventory:Legacy:BaseAddress");
            throw InventoryProblems.StockOwnerUnavailableError(
                "Legacy owns stock, and this host does not know where legacy is (Inventory:Legacy:BaseAddress is not set).");
        }

        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: JsonSerializerOptions.Web);
        }

        if (CorrelationId.Current is { } correlationId)
        {
            request.Headers.TryAddWithoutValidation(CorrelationId.HeaderName, correlationId);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken)
                       ?? throw Unreadable($"{method} {path} answered an empty body");
            }

            var problem = await ReadProblemAsync(response, cancellationToken);
            throw Refusal(method, path, (int)response.StatusCode, problem, productId);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException
                                       or TaskCanceledException { InnerException: TimeoutException }
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("Legacy stock owner did not answer {Method} {Path}: {Error}", method, path, ex.Message);
            throw InventoryProblems.StockOwnerUnavailableError($"Legacy, which owns stock, did not answer ({ex.GetType().Name}); retry shortly.");
        }
    }

    private Exception Refusal(HttpMethod method, string path, int status, Problem problem, Guid? productId)
    {
        if (status == (int)HttpStatusCode.Conflict && problem.Code == InternalStockApi.OwnerMovedCode)
        {
            // Legacy no longer owns stock, so Inventory does, whatever the body says about it.
            return new StockOwnerMovedException(StockOwnership.TryParse(problem.Owner, out var owner) ? owner : StockOwner.Inventory);
        }

        if (status == (int)HttpStatusCode.NotFound && problem.Code == InventoryProblems.ProductNotFound)
        {
            return productId is { } id
                ? InventoryProblems.ProductNotFoundError(id)
                : ApiException.NotFound(InventoryProblems.ProductNotFound, problem.Detail ?? "A product of the request is not stocked.");
        }

        if (status is >= 400 and < 500 && problem.Code is { Length: > 0 } code)
        {
            // The caller's mistake as legacy saw it (e.g. a limit of the internal API): passed on unchanged.
            return new ApiException(status, code, problem.Detail ?? $"Legacy refused the stock call ({code}).", problem.Errors);
        }

        logger.LogWarning("Legacy stock owner answered {Status} ({Code}) to {Method} {Path}", status, problem.Code, method, path);
        return InventoryProblems.StockOwnerUnavailableError($"Legacy, which owns stock, failed the call ({status}); retry shortly.");
    }

    private static async Task<Problem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (text.Length == 0)
            {
                return new Problem(null, null, null, null);
            }

            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new Problem(null, null, null, null);
            }

            Dictionary<string, string[]>? errors = null;
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                errors = e.EnumerateObject().ToDictionary(
                    p => p.Name,
                    p => p.Value.ValueKind == JsonValueKind.Array
                        ? p.Value.EnumerateArray().Select(m => m.ToString()).ToArray()
                        : [p.Value.ToString()],
                    StringComparer.Ordinal);
            }

            return new Problem(String(root, "code"), String(root, "detail"), String(root, "owner"), errors);
        }
        catch (JsonException)
        {
            return new Problem(null, null, null, null);
        }

        static string? String(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private ApiException Unreadable(string what)
    {
        logger.LogWarning("Legacy stock owner answered something unusable: {What}", what);
        return InventoryProblems.StockOwnerUnavailableError($"Legacy, which owns stock, answered something unusable: {what}.");
    }

    private sealed record Problem(string? Code, string? Detail, string? Owner, IDictionary<string, string[]>? Errors);
}
