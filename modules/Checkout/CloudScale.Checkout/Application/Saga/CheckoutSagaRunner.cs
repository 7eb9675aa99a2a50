using System.Diagnostics;
using System.Text.Json;
using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Domain;
using CloudScale.Checkout.Infrastructure;
using CloudScale.Checkout.Infrastructure.Events;
using CloudScale.Inventory.Contracts;
using CloudScale.Payment.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudScale.Checkout.Application.Saga;

/// <summary>
/// The checkout saga: reserve stock → authorise → create the order (PENDING) → capture → commit the reservation →
/// confirm (order, session, cart, answer and <c>checkout.order_created.v1</c> in one transaction). Every step is
/// stored before its call, and every call is idempotent under ids chosen up front, so a crash anywhere is either
/// rolled forward (the order exists) or undone (it does not): never money without an order, never an order without
/// stock. The caller holds the session's lock for the whole run (<see cref="ISagaLocks"/>).
/// </summary>
internal sealed class CheckoutSagaRunner(
    CheckoutDbContext db,
    OtherModules modules,
    ICartCache cartCache,
    TimeProvider clock,
    ILogger<CheckoutSagaRunner> logger)
{
    /// <summary>Recovery asks the gateway this many times before giving a capture up and compensating.</summary>
    public const int RecoveryCaptureAttempts = 3;

    private static readonly JsonSerializerOptions Json = ShopperApiJson.Options;

    /// <summary>A new completion attempt of the session under <paramref name="idempotencyKey"/>, or the stored answer.</summary>
    public async Task<CheckoutCompletion> CompleteAsync(Guid sessionId, string idempotencyKey, CancellationToken cancellationToken)
    {
        // A crashed attempt of this session is finished or undone first: its outcome decides what this caller gets.
        var unfinished = await db.Sagas.AsNoTracking()
            .Where(s => s.CheckoutSessionId == sessionId && s.Status == SagaStatus.Running).Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var sagaId in unfinished)
        {
            if (!await ResumeAsync(sagaId))
            {
                throw new ApiException(502, CheckoutProblems.PaymentGatewayError,
                    "An earlier attempt of this checkout is still being settled with the card gateway; nothing was charged twice. Retry in a minute with the same Idempotency-Key.");
            }
        }

        db.ChangeTracker.Clear();
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
                      ?? throw ApiException.NotFound(CheckoutProblems.CheckoutNotFound, $"No checkout session with id '{sessionId}'.");
        var stored = await db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Key == idempotencyKey, cancellationToken);
        if (stored is not null)
        {
            return stored.CheckoutSessionId == sessionId
                ? JsonSerializer.Deserialize<CheckoutCompletion>(stored.Answer, Json)!
                : throw new ApiException(422, CheckoutProblems.IdempotencyKeyReused,
                    $"Idempotency-Key '{idempotencyKey}' was already used for another checkout session; use a new key per checkout.");
        }

        if (session.Status == CheckoutSessionStatus.Completed)
        {
            throw ApiException.Conflict(CheckoutProblems.CheckoutAlreadyCompleted,
                $"Checkout '{sessionId}' was already completed as order '{session.OrderId}'.",
                new Dictionary<string, object?> { ["orderId"] = session.OrderId });
        }

        if (session.Status != CheckoutSessionStatus.Open)
        {
            throw ApiException.Conflict(CheckoutProblems.CheckoutNotOpen, $"Checkout '{sessionId}' ended with {session.FailureCode}; start a new checkout.");
        }

        var cart = await db.Carts.SingleOrDefaultAsync(c => c.Id == session.CartId, cancellationToken)
                   ?? throw ApiException.NotFound(CheckoutProblems.CartNotFound, $"No cart with id '{session.CartId}'.");
        cart.EnsureCanChange(clock.GetUtcNow());

        var activity = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current : null;
        var saga = CheckoutSaga.Start(sessionId, idempotencyKey, CorrelationId.Current,
            activity?.TraceId.ToHexString(), activity?.SpanId.ToHexString(), clock.GetUtcNow());
        db.Sagas.Add(saga);
        await db.SaveChangesAsync(cancellationToken);
        return await RunAsync(saga, session);
    }

    /// <summary>
    /// Finishes or undoes an unfinished saga (after a crash, or when a call failed midway). Returns whether it is
    /// finished now; when not, its failure is recorded and a later pass tries again.
    /// </summary>
    public async Task<bool> ResumeAsync(Guid sagaId)
    {
        db.ChangeTracker.Clear();
        var saga = await db.Sagas.SingleAsync(s => s.Id == sagaId);
        if (!saga.IsRunning)
        {
            return true;
        }

        try
        {
            var session = await db.Sessions.SingleAsync(s => s.Id == saga.CheckoutSessionId);
            var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == saga.OrderId);
            logger.LogWarning("Recovering checkout saga {SagaId} of session {CheckoutSessionId} at step {Step}", saga.Id, session.Id, saga.Step);
            if (order is null)
            {
                // No order: whatever happened at Inventory and Payment is undone and the shopper may simply retry.
                await AbortAsync(saga, "checkout_recovered");
            }
            else if (saga.Step == SagaStep.Compensate)
            {
                await CompensateAsync(saga, session, order);
            }
            else
            {
                await FinishFromCaptureAsync(saga, session, order, RecoveryCaptureAttempts);
            }

            return true;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Checkout saga {SagaId} could not be recovered yet; it stays at its step for the next pass", sagaId);
            db.ChangeTracker.Clear();
            var error = ex.Message.Length <= 2000 ? ex.Message : ex.Message[..2000];
            var now = clock.GetUtcNow();
            await db.Sagas.Where(s => s.Id == sagaId).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.RecoveryAttempts, x => x.RecoveryAttempts + 1)
                .SetProperty(x => x.LastError, error)
                .SetProperty(x => x.UpdatedAt, now));
            return false;
        }
    }

    // From the first call on, the caller going away cancels nothing: stock and money may be moving.
    private async Task<CheckoutCompletion> RunAsync(CheckoutSaga saga, CheckoutSession session)
    {
        ReservationResult reservation;
        try
        {
            var lines = session.Lines.Select(l => new StockLine(l.ProductId, l.Quantity)).ToList();
            reservation = await modules.InventoryAsync(i => i.ReserveAsync(new ReserveStock(saga.ReservationId, lines, $"checkout:{session.Id}"), CancellationToken.None));
        }
        catch (Exception)
        {
            await TryAbortAsync(saga, "checkout_failed");
            throw;
        }

        if (!reservation.Reserved)
        {
            var shortages = reservation.Shortages;
            return await FinishFailedAsync(saga, session, SagaStatus.OutOfStock, Statuses.OutOfStock, CheckoutProblems.OutOfStock,
                "Not enough stock for: " + string.Join(", ", shortages.Select(s => $"{s.ProductId} (wanted {s.Wanted}, available {s.Available})")),
                shortages.Select(s => s.ProductId).ToList());
        }

        await MoveToAsync(saga, SagaStep.Authorize);
        PaymentResult authorization;
        try
        {
            authorization = await modules.PaymentAsync(p => p.AuthorizeAsync(
                new AuthorizePayment(saga.PaymentId, session.PaymentMethodId, session.TotalCents, session.Currency, $"checkout:{session.Id}"),
                CancellationToken.None));
        }
        catch (Exception)
        {
            await TryAbortAsync(saga, "checkout_failed");
            throw;
        }

        if (authorization.Outcome == PaymentOutcome.Declined)
        {
            await modules.InventoryAsync(i => i.ReleaseAsync(saga.ReservationId, CheckoutProblems.PaymentDeclined, CancellationToken.None));
            var code = authorization.DeclineCode == CheckoutProblems.InsufficientFunds ? CheckoutProblems.InsufficientFunds : CheckoutProblems.PaymentDeclined;
            return await FinishFailedAsync(saga, session, SagaStatus.PaymentDeclined, Statuses.PaymentDeclined, code,
                $"The card was declined ({authorization.DeclineCode}); nothing was charged.", []);
        }

        if (authorization.Outcome == PaymentOutcome.GatewayError)
        {
            // The outcome is unknown, so nothing is stored under the key and the session stays open: the hold (if
            // any) is voided and the stock released, and a retry starts a clean attempt.
            logger.LogWarning("Payment gateway failed authorising checkout {CheckoutSessionId}", session.Id);
            await TryAbortAsync(saga, CheckoutProblems.PaymentGatewayError);
            throw new ApiException(502, CheckoutProblems.PaymentGatewayError,
                "The card gateway failed and nothing was sold. Retry with the same Idempotency-Key; it cannot charge twice.");
        }

        var order = Order.Place(saga.OrderId, session, saga.PaymentId, clock.GetUtcNow());
        db.Orders.Add(order);
        saga.MoveTo(SagaStep.Capture, clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
        return await FinishFromCaptureAsync(saga, session, order, captureAttempts: 1);
    }

    private async Task<CheckoutCompletion> FinishFromCaptureAsync(CheckoutSaga saga, CheckoutSession session, Order order, int captureAttempts)
    {
        if (saga.Step == SagaStep.Capture)
        {
            var capture = await modules.PaymentAsync(p => p.CaptureAsync(saga.PaymentId, CancellationToken.None));
            for (var attempt = 1; attempt < captureAttempts && capture.Outcome == PaymentOutcome.GatewayError; attempt++)
            {
                capture = await modules.PaymentAsync(p => p.CaptureAsync(saga.PaymentId, CancellationToken.None));
            }

            if (!capture.Succeeded)
            {
                logger.LogWarning("Capture of payment {PaymentId} for order {OrderId} ended {Outcome}; compensating", saga.PaymentId, order.Id, capture.Outcome);
                return await CompensateAsync(saga, session, order);
            }

            await MoveToAsync(saga, SagaStep.CommitStock);
        }

        var commit = await modules.InventoryAsync(i => i.CommitAsync(saga.ReservationId, CancellationToken.None));
        if (!commit.Committed)
        {
            // The hold lapsed before the sale could use it: the money goes back rather than selling stock nobody holds.
            var refund = await modules.PaymentAsync(p => p.RefundAsync(saga.PaymentId, null, CancellationToken.None));
            if (!refund.Succeeded)
            {
                throw new InvalidOperationException($"reservation {saga.ReservationId} is {commit.State} and the refund of payment {saga.PaymentId} ended {refund.Outcome}");
            }

            order.Fail(clock.GetUtcNow());
            return await FinishFailedAsync(saga, session, SagaStatus.OutOfStock, Statuses.OutOfStock, CheckoutProblems.OutOfStock,
                $"The stock held for this checkout was released ({commit.State}) before the sale; the payment was refunded.",
                session.Lines.Select(l => l.ProductId).ToList());
        }

        var now = clock.GetUtcNow();
        order.Confirm(now);
        session.Complete(order.Id, now);
        var cart = await db.Carts.SingleAsync(c => c.Id == session.CartId);
        cart.CheckOut(now);
        saga.Finish(SagaStatus.Confirmed, now);
        var answer = new CheckoutCompletion(session.Id, Statuses.Confirmed, order.Id, null, null, [], saga.CorrelationId);
        await StoreAnswerAsync(saga, answer);
        db.Add(OrderCreatedEvent.Create(order, saga, now));
        await db.SaveChangesAsync(CancellationToken.None);
        await cartCache.InvalidateAsync(cart.Id, CancellationToken.None);
        logger.LogInformation("Checkout {CheckoutSessionId} confirmed as order {OrderId}", session.Id, order.Id);
        return answer;
    }

    /// <summary>After the order exists but the money could not be taken: void, release, and fail order and session.</summary>
    private async Task<CheckoutCompletion> CompensateAsync(CheckoutSaga saga, CheckoutSession session, Order order)
    {
        if (saga.Step != SagaStep.Compensate)
        {
            await MoveToAsync(saga, SagaStep.Compensate);
        }

        await VoidAsync(saga.PaymentId);
        await modules.InventoryAsync(i => i.ReleaseAsync(saga.ReservationId, CheckoutProblems.PaymentGatewayError, CancellationToken.None));
        order.Fail(clock.GetUtcNow());
        return await FinishFailedAsync(saga, session, SagaStatus.Failed, "FAILED", CheckoutProblems.PaymentGatewayError,
            "The card gateway failed while taking the payment; the authorisation was voided and nothing was sold. Start a new checkout.", []);
    }

    /// <summary>Undoes an attempt that made no order; the session stays open and nothing is stored under the key.</summary>
    private async Task AbortAsync(CheckoutSaga saga, string reason)
    {
        // Stock first: without an order it is never needed, whatever the gateway says about the hold.
        await modules.InventoryAsync(i => i.ReleaseAsync(saga.ReservationId, reason, CancellationToken.None));
        if (saga.Step != SagaStep.Reserve)
        {
            await VoidAsync(saga.PaymentId);
        }

        saga.Finish(SagaStatus.Aborted, clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task TryAbortAsync(CheckoutSaga saga, string reason)
    {
        try
        {
            await AbortAsync(saga, reason);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not undo checkout saga {SagaId} yet; the recovery job will", saga.Id);
        }
    }

    private async Task VoidAsync(Guid paymentId)
    {
        // Declined, never made or already voided: nothing is held either way.
        var voided = await modules.PaymentAsync(p => p.VoidAsync(paymentId, CancellationToken.None));
        if (!voided.Succeeded && voided.Status is not (PaymentStatus.Voided or PaymentStatus.Declined or PaymentStatus.Unknown))
        {
            throw new InvalidOperationException($"void of payment {paymentId} ended {voided.Outcome} with the payment {voided.Status}");
        }
    }

    private async Task<CheckoutCompletion> FinishFailedAsync(
        CheckoutSaga saga, CheckoutSession session, string sagaStatus, string answerStatus, string code, string detail, IReadOnlyList<Guid> productIds)
    {
        var now = clock.GetUtcNow();
        session.Fail(code, now);
        saga.Finish(sagaStatus, now);
        var answer = new CheckoutCompletion(session.Id, answerStatus, null, code, detail, productIds, saga.CorrelationId);
        await StoreAnswerAsync(saga, answer);
        await db.SaveChangesAsync(CancellationToken.None);
        return answer;
    }

    private async Task StoreAnswerAsync(CheckoutSaga saga, CheckoutCompletion answer)
    {
        // A crashed saga's key may have been taken by another session meanwhile (its lock died with the process);
        // that session owns the key then, and this answer is only recorded on the session.
        if (!await db.IdempotencyKeys.AnyAsync(k => k.Key == saga.IdempotencyKey))
        {
            db.IdempotencyKeys.Add(IdempotencyRecord.Store(saga.IdempotencyKey, saga.CheckoutSessionId, JsonSerializer.Serialize(answer, Json), clock.GetUtcNow()));
        }
    }

    private async Task MoveToAsync(CheckoutSaga saga, string step)
    {
        saga.MoveTo(step, clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
