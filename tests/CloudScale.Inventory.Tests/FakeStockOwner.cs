using System.Collections.Concurrent;
using CloudScale.BuildingBlocks.Control;
using CloudScale.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CloudScale.Inventory.Tests;

/// <summary>
/// A stand-in for legacy while it owns stock: the internal stock API (<see cref="InternalStockApi"/>) over stock the
/// test sets, with the contract's semantics (all-or-nothing, idempotent reservation ids, repeat commit/release no-ops),
/// on a real socket. Records every call; <see cref="Before"/> lets a test answer a call itself (a moved owner, a
/// failure) before the fake does.
/// </summary>
public sealed class FakeStockOwner : IAsyncDisposable
{
    private readonly LoopbackApp app;
    private readonly Lock gate = new();

    private FakeStockOwner(LoopbackApp app) => this.app = app;

    public Uri BaseAddress => app.BaseAddress;

    /// <summary>Product id → (on hand, reserved).</summary>
    public ConcurrentDictionary<Guid, (int OnHand, int Reserved)> Stock { get; } = new();

    public ConcurrentDictionary<Guid, FakeReservation> Reservations { get; } = new();

    /// <summary>"METHOD path" of every call, in order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Bodies of the reserve calls, as received.</summary>
    public ConcurrentQueue<InternalReserveRequest> ReserveRequests { get; } = new();

    /// <summary>Runs first on every call; a non-null result is the answer.</summary>
    public Func<HttpContext, Task<IResult?>>? Before { get; set; }

    public DateTimeOffset Now { get; set; } = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public static IResult Problem(int status, string code, string detail, string? owner = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (owner is not null)
        {
            extensions["owner"] = owner;
        }

        return Results.Problem(detail: detail, statusCode: status, extensions: extensions);
    }

    public static async Task<FakeStockOwner> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var web = builder.Build();
        FakeStockOwner? fake = null;
        web.Use(async (context, next) =>
        {
            fake!.Calls.Enqueue($"{context.Request.Method} {context.Request.Path}");
            if (fake.Before is { } before && await before(context) is { } answer)
            {
                await answer.ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        web.MapGet(InternalStockApi.Prefix + "/levels/{productId:guid}", (Guid productId) =>
            fake!.Stock.TryGetValue(productId, out var s)
                ? Results.Ok(new InternalStockLevel(productId, s.OnHand, s.Reserved, s.OnHand - s.Reserved))
                : Problem(404, "product_not_found", $"Legacy has no stock for {productId}."));
        web.MapPost(InternalStockApi.Levels, (InternalAvailabilityRequest body) =>
            Results.Ok(new InternalAvailabilityResponse(body.ProductIds
                .Where(fake!.Stock.ContainsKey)
                .Select(id => new InternalStockLevel(id, fake.Stock[id].OnHand, fake.Stock[id].Reserved, fake.Stock[id].OnHand - fake.Stock[id].Reserved))
                .ToList())));
        web.MapPost(InternalStockApi.Reservations, (InternalReserveRequest body) => fake!.Reserve(body));
        web.MapPost(InternalStockApi.Prefix + "/reservations/{id:guid}/commit", (Guid id) => fake!.End(id, InternalStockApi.States.Committed, sell: true));
        web.MapPost(InternalStockApi.Prefix + "/reservations/{id:guid}/release", (Guid id, InternalReleaseRequest? body) =>
            fake!.End(id, InternalStockApi.States.Released, sell: false, body?.Reason));
        fake = new FakeStockOwner(await LoopbackApp.StartAsync(web));
        return fake;
    }

    private IResult Reserve(InternalReserveRequest body)
    {
        ReserveRequests.Enqueue(body);
        lock (gate)
        {
            if (Reservations.TryGetValue(body.ReservationId, out var existing))
            {
                return Results.Ok(new InternalReserveResponse(body.ReservationId, true, existing.ExpiresAt, []));
            }

            if (body.Lines.FirstOrDefault(line => !Stock.ContainsKey(line.ProductId)) is { } unknown)
            {
                return Problem(404, "product_not_found", $"Product {unknown.ProductId} is not stocked here.");
            }

            var shortages = body.Lines
                .Where(line => Stock[line.ProductId].OnHand - Stock[line.ProductId].Reserved < line.Quantity)
                .Select(line => new InternalShortage(line.ProductId, line.Quantity, Stock[line.ProductId].OnHand - Stock[line.ProductId].Reserved))
                .ToList();
            if (shortages.Count > 0)
            {
                return Results.Ok(new InternalReserveResponse(body.ReservationId, false, null, shortages));
            }

            foreach (var line in body.Lines)
            {
                Stock[line.ProductId] = (Stock[line.ProductId].OnHand, Stock[line.ProductId].Reserved + line.Quantity);
            }

            var expiresAt = Now.AddSeconds(body.HoldForSeconds ?? 600);
            Reservations[body.ReservationId] = new FakeReservation(InternalStockApi.States.Held, body.Lines, expiresAt, null);
            return Results.Ok(new InternalReserveResponse(body.ReservationId, true, expiresAt, []));
        }
    }

    private IResult End(Guid id, string to, bool sell, string? reason = null)
    {
        lock (gate)
        {
            if (!Reservations.TryGetValue(id, out var reservation))
            {
                return Results.Ok(new InternalReservationOutcome(id, !sell, InternalStockApi.States.Unknown));
            }

            if (reservation.State != InternalStockApi.States.Held)
            {
                var done = sell ? reservation.State == InternalStockApi.States.Committed : reservation.State != InternalStockApi.States.Committed;
                return Results.Ok(new InternalReservationOutcome(id, done, reservation.State));
            }

            foreach (var line in reservation.Lines)
            {
                var (onHand, reserved) = Stock[line.ProductId];
                Stock[line.ProductId] = sell ? (onHand - line.Quantity, reserved - line.Quantity) : (onHand, reserved - line.Quantity);
            }

            Reservations[id] = reservation with { State = to, Reason = reason };
            return Results.Ok(new InternalReservationOutcome(id, true, to));
        }
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}

public sealed record FakeReservation(string State, IReadOnlyList<InternalStockLine> Lines, DateTimeOffset ExpiresAt, string? Reason);
