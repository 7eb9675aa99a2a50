using CloudScale.BuildingBlocks.Control;
using CloudScale.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CloudScale.Legacy.Tests;

/// <summary>
/// A test double of the modular host's internal stock API over a real socket, with in-memory stock and holds that
/// follow the <see cref="InternalStockApi"/> contract, plus switches to fail commits, answer 5xx, or answer
/// <see cref="InternalStockApi.OwnerMovedCode"/> once (after running a callback, e.g. a cutover back to legacy).
/// </summary>
public sealed class FakeInventoryOwner : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly Dictionary<Guid, (int OnHand, int Reserved)> stock = [];
    private readonly Dictionary<Guid, Hold> holds = [];
    private LoopbackApp? app;
    private int failCommits;
    private Func<Task>? moveOnce;

    public Uri BaseAddress => app!.BaseAddress;

    /// <summary>The next this-many commits answer 500 without committing.</summary>
    public int FailCommits
    {
        set => Volatile.Write(ref failCommits, value);
    }

    /// <summary>Every request answers 503 while set.</summary>
    public bool Down { get; set; }

    /// <summary>The next request runs <paramref name="beforeAnswering"/> and answers 409 stock_owner_moved.</summary>
    public void MoveOnce(Func<Task> beforeAnswering) => Volatile.Write(ref moveOnce, beforeAnswering);

    public static async Task<FakeInventoryOwner> StartAsync()
    {
        var owner = new FakeInventoryOwner();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var web = builder.Build();
        owner.Map(web);
        owner.app = await LoopbackApp.StartAsync(web);
        return owner;
    }

    public void SetStock(Guid productId, int onHand)
    {
        lock (gate)
        {
            stock[productId] = (onHand, 0);
        }
    }

    public (int OnHand, int Reserved) Stock(Guid productId)
    {
        lock (gate)
        {
            return stock[productId];
        }
    }

    /// <summary>The holds made for <paramref name="reference"/>, with their states.</summary>
    public IReadOnlyList<(Guid ReservationId, string State)> HoldsFor(string reference)
    {
        lock (gate)
        {
            return holds.Where(h => h.Value.Reference == reference).Select(h => (h.Key, h.Value.State)).ToList();
        }
    }

    public int ReserveCalls { get; private set; }

    public ValueTask DisposeAsync() => app?.DisposeAsync() ?? ValueTask.CompletedTask;

    private void Map(WebApplication web)
    {
        web.Use(async (context, next) =>
        {
            if (Down)
            {
                await Problem(503, "unavailable").ExecuteAsync(context);
                return;
            }

            if (Interlocked.Exchange(ref moveOnce, null) is { } move)
            {
                await move();
                await Problem(409, InternalStockApi.OwnerMovedCode).ExecuteAsync(context);
                return;
            }

            await next(context);
        });

        web.MapGet(InternalStockApi.Prefix + "/levels/{productId:guid}", (Guid productId) =>
        {
            lock (gate)
            {
                return stock.ContainsKey(productId) ? Results.Json(Level(productId)) : Problem(404, "product_not_found");
            }
        });

        web.MapPost(InternalStockApi.Levels, (InternalAvailabilityRequest request) =>
        {
            lock (gate)
            {
                return new InternalAvailabilityResponse(request.ProductIds.Where(stock.ContainsKey).Select(Level).ToList());
            }
        });

        web.MapPost(InternalStockApi.Reservations, (InternalReserveRequest request) =>
        {
            lock (gate)
            {
                ReserveCalls++;
                if (holds.TryGetValue(request.ReservationId, out var existing))
                {
                    return Results.Json(new InternalReserveResponse(request.ReservationId, true, existing.ExpiresAt, []));
                }

                if (request.Lines.FirstOrDefault(l => !stock.ContainsKey(l.ProductId)) is not null)
                {
                    return Problem(404, "product_not_found");
                }

                var shortages = request.Lines
                    .Where(l => Level(l.ProductId).Available < l.Quantity)
                    .Select(l => new InternalShortage(l.ProductId, l.Quantity, Level(l.ProductId).Available))
                    .ToList();
                if (shortages.Count > 0)
                {
                    return Results.Json(new InternalReserveResponse(request.ReservationId, false, null, shortages));
                }

                foreach (var line in request.Lines)
                {
                    var (onHand, reserved) = stock[line.ProductId];
                    stock[line.ProductId] = (onHand, reserved + line.Quantity);
                }

                var expiresAt = DateTimeOffset.UtcNow.AddSeconds(request.HoldForSeconds ?? 600);
                holds[request.ReservationId] = new Hold(request.Lines, request.Reference, expiresAt, InternalStockApi.States.Held);
                return Results.Json(new InternalReserveResponse(request.ReservationId, true, expiresAt, []));
            }
        });

        web.MapPost(InternalStockApi.Prefix + "/reservations/{reservationId:guid}/commit", (Guid reservationId) =>
        {
            if (Interlocked.Decrement(ref failCommits) >= 0)
            {
                return Problem(500, "internal_error");
            }

            return Results.Json(End(reservationId, InternalStockApi.States.Committed));
        });

        web.MapPost(InternalStockApi.Prefix + "/reservations/{reservationId:guid}/release", (Guid reservationId) =>
            Results.Json(End(reservationId, InternalStockApi.States.Released)));
    }

    private InternalReservationOutcome End(Guid reservationId, string to)
    {
        lock (gate)
        {
            if (!holds.TryGetValue(reservationId, out var hold))
            {
                return new InternalReservationOutcome(reservationId, to == InternalStockApi.States.Released, InternalStockApi.States.Unknown);
            }

            if (hold.State != InternalStockApi.States.Held)
            {
                return new InternalReservationOutcome(reservationId, hold.State == to, hold.State);
            }

            foreach (var line in hold.Lines)
            {
                var (onHand, reserved) = stock[line.ProductId];
                stock[line.ProductId] = (to == InternalStockApi.States.Committed ? onHand - line.Quantity : onHand, reserved - line.Quantity);
            }

            holds[reservationId] = hold with { State = to };
            return new InternalReservationOutcome(reservationId, true, to);
        }
    }

    private InternalStockLevel Level(Guid productId)
    {
        var (onHand, reserved) = stock[productId];
        return new InternalStockLevel(productId, onHand, reserved, onHand - reserved);
    }

    private static IResult Problem(int status, string code) =>
        Results.Json(new { status, code, detail = $"fake owner: {code}" }, statusCode: status, contentType: "application/problem+json");

    private sealed record Hold(IReadOnlyList<InternalStockLine> Lines, string? Reference, DateTimeOffset ExpiresAt, string State);
}
