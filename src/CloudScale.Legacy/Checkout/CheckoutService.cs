using System.Text.Json;
using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Legacy.Carts;
using CloudScale.Legacy.Catalog;
using CloudScale.Legacy.Payments;
using CloudScale.Legacy.Stock;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace CloudScale.Legacy.Checkout;

/// <summary>
/// Checkout as the monolith does it: one database transaction that locks the session, the cart and the stock
/// rows (in product order, so concurrent checkouts cannot deadlock), charges the card and writes the order.
/// A business failure (out of stock, declined) rolls back to a savepoint, so stock is untouched, and records
/// the failed outcome; the answer is stored under the Idempotency-Key so a retry gets the very same response.
/// Once the Inventory module owns stock, the stock step becomes a hold at the owner (through
/// <see cref="LegacyStockGateway"/>) that the recorded sale commits afterwards; everything else stays the same.
/// </summary>
internal sealed class CheckoutService(
    NpgsqlDataSource dataSource,
    IPaymentGateway gateway,
    CartService carts,
    PaymentCapture payments,
    LegacyStockGateway stock,
    PendingStockCommits pendingCommits,
    TimeProvider clock,
    ILogger<CheckoutService> logger)
{
    public const string CheckoutNotFound = "checkout_not_found";
    public const string CartEmpty = "cart_empty";
    public const string CheckoutNotOpen = "checkout_not_open";
    public const string CheckoutAlreadyCompleted = "checkout_already_completed";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string OutOfStock = "out_of_stock";
    public const string PaymentDeclined = "payment_declined";
    public const string InsufficientFunds = "insufficient_funds";
    public const string PaymentGatewayError = "payment_gateway_error";

    /// <summary>Orders of at least this subtotal ship free; below it shipping is <see cref="ShippingCents"/>.</summary>
    public const long FreeShippingFromCents = 5000;

    public const long ShippingCents = 499;

    private static JsonSerializerOptions Json => ShopperApiJson.Options;

    public async Task<CheckoutStartedDto> StartAsync(StartCheckoutRequest? body, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Check(body is not null, "body", "a JSON body {cartId, shippingAddress, paymentMethodId} is required");
        var cartId = Ids.ParseField(body?.CartId, "cartId", errors);
        var paymentMethodId = Ids.ParseField(body?.PaymentMethodId, "paymentMethodId", errors);
        ShippingAddress.Validate(body?.ShippingAddress, errors);
        errors.ThrowIfAny();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var cart = await carts.LockOpenCartAsync(connection, transaction, cartId);
        var method = await connection.QuerySingleOrDefaultAsync<PaymentMethodOwner>(
            "SELECT shopper_id AS ShopperId FROM legacy.payment_methods WHERE payment_method_id = @paymentMethodId",
            new { paymentMethodId }, transaction);
        // Another shopper's card is reported exactly like a missing one. (Shopper ids are asserted, not authenticated:
        // this keeps honest clients apart, it does not stop a caller who claims someone else's id.)
        if (method is null || (method.ShopperId is not null && cart.ShopperId is not null && method.ShopperId != cart.ShopperId))
        {
            throw ApiException.NotFound(PaymentMethodService.PaymentMethodNotFound, $"No payment method with id '{paymentMethodId}'.");
        }

        var lines = (await CartService.LoadAsync(connection, transaction, cartId, clock.GetUtcNow())).Items;
        if (lines.Count == 0)
        {
            throw ApiException.Conflict(CartEmpty, $"Cart '{cartId}' is empty; add items before checking out.");
        }

        // Starting a checkout is activity: the cart must not expire under the shopper while they pay.
        await carts.ExtendAsync(connection, transaction, cartId);
        var subtotal = lines.Sum(l => l.LineTotalCents);
        var shipping = subtotal >= FreeShippingFromCents ? 0 : ShippingCents;
        var summary = new CheckoutSummaryDto(lines, subtotal, shipping, subtotal + shipping, "USD");
        var sessionId = Guid.NewGuid();
        await connection.ExecuteAsync("""
            INSERT INTO legacy.checkout_sessions
                (checkout_session_id, cart_id, shopper_id, payment_method_id, shipping_address, lines,
                 subtotal_cents, shipping_cents, total_cents, currency)
            VALUES (@sessionId, @cartId, @shopperId, @paymentMethodId, @address::jsonb, @lines::jsonb,
                    @SubtotalCents, @ShippingCents, @TotalCents, @Currency)
            """,
            new
            {
                sessionId, cartId, shopperId = cart.ShopperId, paymentMethodId,
                address = JsonSerializer.Serialize(body!.ShippingAddress!, Json),
                lines = JsonSerializer.Serialize(lines.ToList(), Json),
                summary.SubtotalCents, summary.ShippingCents, summary.TotalCents, summary.Currency,
            }, transaction);
        await transaction.CommitAsync(ct);
        return new CheckoutStartedDto(sessionId, summary);
    }

    /// <summary>
    /// Completes a checkout against whichever side owns stock. The path is chosen by a plain read of the owner; when a
    /// cutover moves stock between that read and the fenced stock write, everything is rolled back and the completion
    /// starts again from the top (the stored answer, if any, is then found like on any retry).
    /// </summary>
    public async Task<StoredResponse> CompleteAsync(HttpContext http, Guid sessionId, string idempotencyKey, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var owner = await stock.ReadOwnerAsync(ct);
            try
            {
                return await CompleteOnceAsync(http, sessionId, idempotencyKey, owner, ct);
            }
            catch (StockOwnerMovedException) when (attempt < LegacyStockGateway.MaxTries)
            {
                logger.LogInformation("Stock owner moved under checkout {CheckoutSessionId}; completing it again", sessionId);
            }
            catch (StockOwnerMovedException)
            {
                throw LegacyStockGateway.Unavailable($"Checkout '{sessionId}' could not take stock: stock ownership kept moving.");
            }
        }
    }

    /// <summary>
    /// One try. While legacy owns stock: the monolith's single transaction, fenced, selling straight from on hand.
    /// While Inventory owns it: a hold at the owner first (fresh id per try), released again on any refusal; a sale
    /// is recorded with the commit it owes the owner, and that commit is made after the order commits.
    /// </summary>
    private async Task<StoredResponse> CompleteOnceAsync(HttpContext http, Guid sessionId, string idempotencyKey, StockOwner owner, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // Lock the session first: concurrent completions of one session queue here, then see the first one's answer.
        var session = await connection.QuerySingleOrDefaultAsync<SessionRow>("""
            SELECT checkout_session_id AS CheckoutSessionId, cart_id AS CartId, shopper_id AS ShopperId,
                   payment_method_id AS PaymentMethodId, shipping_address::text AS ShippingAddress, lines::text AS Lines,
                   subtotal_cents AS SubtotalCents, shipping_cents AS ShippingCents, total_cents AS TotalCents,
                   currency AS Currency, status AS Status, failure_code AS FailureCode, order_id AS OrderId
            FROM legacy.checkout_sessions WHERE checkout_session_id = @sessionId FOR UPDATE
            """, new { sessionId }, transaction)
            ?? throw ApiException.NotFound(CheckoutNotFound, $"No checkout session with id '{sessionId}'.");

        // Then the key, across sessions: the same key sent for two sessions at once must not get two answers.
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('idempotency:' || @idempotencyKey))", new { idempotencyKey }, transaction);
        var stored = await connection.QuerySingleOrDefaultAsync<StoredKey>(
            "SELECT checkout_session_id AS CheckoutSessionId, status_code AS StatusCode, response_body AS Body FROM legacy.idempotency_keys WHERE idempotency_key = @idempotencyKey",
            new { idempotencyKey }, transaction);
        if (stored is not null)
        {
            return stored.CheckoutSessionId == sessionId
                ? new StoredResponse(stored.StatusCode, stored.Body)
                : throw new ApiException(422, IdempotencyKeyReused,
                    $"Idempotency-Key '{idempotencyKey}' was already used for another checkout session; use a new key per checkout.");
        }

        if (session.Status == Statuses.Completed)
        {
            throw ApiException.Conflict(CheckoutAlreadyCompleted,
                $"Checkout '{sessionId}' was already completed as order '{session.OrderId}'.",
                new Dictionary<string, object?> { ["orderId"] = session.OrderId });
        }

        if (session.Status != Statuses.Open)
        {
            throw ApiException.Conflict(CheckoutNotOpen,
                $"Checkout '{sessionId}' ended with {session.FailureCode}; start a new checkout.");
        }

        await carts.LockOpenCartAsync(connection, transaction, session.CartId);
        var lines = JsonSerializer.Deserialize<List<LineItemDto>>(session.Lines, Json)!;

        Guid? holdId = null;
        if (owner == StockOwner.Legacy)
        {
            // Waits while a cutover runs, and keeps one from starting until this sale commits; throws if stock moved.
            await StockOwnership.EnterAsOwnerAsync(connection, transaction, StockOwner.Legacy, ct);
        }
        else
        {
            holdId = Guid.NewGuid();
        }

        await transaction.SaveAsync("sale", ct);
        var shortages = holdId is { } id
            ? await HoldStockAsync(id, sessionId, lines, ct)
            : await TakeStockAsync(connection, transaction, lines);
        if (shortages.Count > 0)
        {
            await transaction.RollbackAsync("sale", ct);
            var response = Failure(http, 409, OutOfStock, Statuses.OutOfStock,
                "Not enough stock for: " + string.Join(", ", shortages.Select(s => $"{s.ProductId} (wanted {s.Wanted}, available {s.Available})")),
                new Dictionary<string, object?> { ["productIds"] = shortages.Select(s => s.ProductId).ToArray() });
            return await FinishFailedAsync(connection, transaction, session, idempotencyKey, OutOfStock, response, ct);
        }

        var token = await connection.ExecuteScalarAsync<string>(
            "SELECT gateway_token FROM legacy.payment_methods WHERE payment_method_id = @PaymentMethodId", session, transaction);
        // From here on nothing is cancelled by the caller going away: money may be moving.
        var authorizationKey = $"checkout:{sessionId}:{idempotencyKey}";
        Authorization authorization;
        try
        {
            authorization = await gateway.AuthorizeAsync(token!, session.TotalCents, session.Currency, authorizationKey, CancellationToken.None);
        }
        catch (PaymentGatewayException ex)
        {
            // The outcome is unknown, so nothing is stored under the key: a retry with the same key asks the gateway
            // again with the same authorisation key and gets that one authorisation, never a second hold.
            logger.LogWarning("Payment gateway failed for checkout {CheckoutSessionId}: {Reason}", sessionId, ex.Message);
            await ReleaseHoldAsync(holdId, "payment-gateway-error");
            throw new ApiException(502, PaymentGatewayError,
                "The card gateway failed and nothing was sold. Retry with the same Idempotency-Key; it cannot charge twice.");
        }

        if (!authorization.Approved)
        {
            await transaction.RollbackAsync("sale", CancellationToken.None);
            await ReleaseHoldAsync(holdId, "payment-declined");
            await connection.ExecuteAsync("""
                INSERT INTO legacy.payments (payment_id, checkout_session_id, payment_method_id, amount_cents, currency, status, decline_code)
                VALUES (@paymentId, @CheckoutSessionId, @PaymentMethodId, @TotalCents, @Currency, 'DECLINED', @code)
                """, new { paymentId = Guid.NewGuid(), session.CheckoutSessionId, session.PaymentMethodId, session.TotalCents, session.Currency, code = authorization.DeclineCode },
                transaction);
            var code = authorization.DeclineCode == InsufficientFunds ? InsufficientFunds : PaymentDeclined;
            var response = Failure(http, 402, code, Statuses.PaymentDeclined, $"The card was declined ({authorization.DeclineCode}); nothing was charged.");
            return await FinishFailedAsync(connection, transaction, session, idempotencyKey, code, response, CancellationToken.None);
        }

        // The sale is committed with the payment AUTHORIZED and captured only afterwards: a crash in between leaves
        // an order whose capture the sweeper finishes, never money taken for a sale that was not recorded.
        var (orderId, paymentId) = (Guid.NewGuid(), Guid.NewGuid());
        var success = new StoredResponse(200, JsonSerializer.Serialize(new CheckoutCompletedDto(orderId, Statuses.Confirmed), Json));
        try
        {
            await WriteOrderAsync(connection, transaction, session, lines, orderId, paymentId, authorization.Reference!);
            if (holdId is { } owed)
            {
                await connection.ExecuteAsync(
                    "INSERT INTO legacy.pending_stock_commits (reservation_id, order_id) VALUES (@owed, @orderId)", new { owed, orderId }, transaction);
            }

            await StoreKeyAsync(connection, transaction, idempotencyKey, sessionId, success);
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // A failed commit may still have committed (the connection died after the server did); only the
            // database can say whether the sale exists, and only a sale that does not may release its hold.
            if (!await payments.OrderExistsAsync(orderId))
            {
                logger.LogError(ex, "Checkout {CheckoutSessionId} was not recorded; voiding authorisation {Reference}", sessionId, authorization.Reference);
                await gateway.VoidAsync(authorization.Reference!, CancellationToken.None);
                await ReleaseHoldAsync(holdId, "order-not-recorded");
                throw;
            }
        }

        if (holdId is { } sold)
        {
            try
            {
                await pendingCommits.TryCommitAsync(sold, CancellationToken.None, waitForSweeper: true);
            }
            catch (Exception ex)
            {
                // The sale is recorded and its commit owed (the row stays): the stock sweeper retries it, and the
                // shopper gets the answer already stored under the key.
                logger.LogWarning(ex, "Stock commit of hold {ReservationId} for checkout {CheckoutSessionId} failed; the sweeper retries it", sold, sessionId);
            }
        }

        await payments.TryCaptureAsync(paymentId);
        return success;
    }

    /// <summary>Holds the lines at the stock owner; the shortages when it cannot (then nothing is held).</summary>
    private async Task<List<Shortage>> HoldStockAsync(Guid holdId, Guid sessionId, List<LineItemDto> lines, CancellationToken ct)
    {
        var request = new InternalReserveRequest(
            holdId, lines.Select(l => new InternalStockLine(l.ProductId, l.Quantity)).ToList(), $"legacy-checkout:{sessionId}", null);
        try
        {
            var hold = await stock.ReserveAsync(request, ct);
            return hold.Reserved ? [] : hold.Shortages.Select(s => new Shortage(s.ProductId, s.Wanted, s.Available)).ToList();
        }
        catch (ApiException ex) when (ex.Code == CatalogService.ProductNotFound)
        {
            // The owner does not stock some line: the same answer as legacy gives for a product without stock.
            var levels = (await stock.GetLevelsAsync(lines.Select(l => l.ProductId).ToList(), ct)).ToDictionary(l => l.ProductId);
            return lines
                .Select(l => (Line: l, Available: levels.TryGetValue(l.ProductId, out var level) ? level.Available : 0))
                .Where(x => x.Available < x.Line.Quantity)
                .Select(x => new Shortage(x.Line.ProductId, x.Line.Quantity, x.Available))
                .ToList();
        }
        catch (Exception)
        {
            // The owner may have made the hold before the call failed (a timeout); give it back rather than let it
            // sit until it expires. Releasing a hold that was never made is a no-op.
            await ReleaseHoldAsync(holdId, "checkout-failed");
            throw;
        }
    }

    /// <summary>Gives a checkout's hold back; best effort, since an unreleased hold still expires on its own.</summary>
    private async Task ReleaseHoldAsync(Guid? holdId, string reason)
    {
        if (holdId is not { } id)
        {
            return;
        }

        try
        {
            await stock.ReleaseAsync(id, reason, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Could not release stock hold {ReservationId} ({Reason}); it expires on its own: {Error}", id, reason, ex.Message);
        }
    }

    private static async Task<List<Shortage>> TakeStockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<LineItemDto> lines)
    {
        // Rows are locked in the SQL's product_id order, the same for every checkout, so two cannot deadlock.
        var productIds = lines.Select(l => l.ProductId).ToArray();
        var stock = (await connection.QueryAsync<(Guid ProductId, int OnHand, int Reserved)>(
                "SELECT product_id, on_hand, reserved FROM legacy.stock_levels WHERE product_id = ANY(@productIds) ORDER BY product_id FOR UPDATE",
                new { productIds }, transaction))
            .ToDictionary(s => s.ProductId);
        var shortages = lines
            .Select(l => (Line: l, Available: stock.TryGetValue(l.ProductId, out var s) ? s.OnHand - s.Reserved : 0))
            .Where(x => x.Available < x.Line.Quantity)
            .Select(x => new Shortage(x.Line.ProductId, x.Line.Quantity, x.Available))
            .ToList();
        if (shortages.Count == 0)
        {
            await connection.ExecuteAsync(
                "UPDATE legacy.stock_levels SET on_hand = on_hand - @Quantity, updated_at = now() WHERE product_id = @ProductId",
                lines.Select(l => new { l.ProductId, l.Quantity }), transaction);
        }

        return shortages;
    }

    private static async Task WriteOrderAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SessionRow session, List<LineItemDto> lines,
        Guid orderId, Guid paymentId, string reference)
    {
        await connection.ExecuteAsync("""
            INSERT INTO legacy.orders (order_id, checkout_session_id, cart_id, shopper_id, status, subtotal_cents, shipping_cents,
                                       total_cents, currency, shipping_address)
            VALUES (@orderId, @CheckoutSessionId, @CartId, @ShopperId, 'CONFIRMED', @SubtotalCents, @ShippingCents,
                    @TotalCents, @Currency, @ShippingAddress::jsonb)
            """, new { orderId, session.CheckoutSessionId, session.CartId, session.ShopperId, session.SubtotalCents, session.ShippingCents, session.TotalCents, session.Currency, session.ShippingAddress },
            transaction);
        await connection.ExecuteAsync("""
            INSERT INTO legacy.order_lines (order_id, line_no, product_id, product_name, quantity, unit_price_cents)
            VALUES (@orderId, @lineNo, @ProductId, @Name, @Quantity, @UnitPriceCents)
            """, lines.Select((l, i) => new { orderId, lineNo = i + 1, l.ProductId, l.Name, l.Quantity, l.UnitPriceCents }), transaction);
        await connection.ExecuteAsync("""
            INSERT INTO legacy.payments (payment_id, checkout_session_id, order_id, payment_method_id, amount_cents, currency, status, gateway_reference)
            VALUES (@paymentId, @CheckoutSessionId, @orderId, @PaymentMethodId, @TotalCents, @Currency, 'AUTHORIZED', @reference)
            """, new { paymentId, session.CheckoutSessionId, orderId, session.PaymentMethodId, session.TotalCents, session.Currency, reference },
            transaction);
        await connection.ExecuteAsync("""
            UPDATE legacy.checkout_sessions SET status = 'COMPLETED', order_id = @orderId, updated_at = now() WHERE checkout_session_id = @CheckoutSessionId;
            UPDATE legacy.carts SET status = 'CHECKED_OUT', updated_at = now() WHERE cart_id = @CartId;
            """, new { orderId, session.CheckoutSessionId, session.CartId }, transaction);
    }

    private static async Task<StoredResponse> FinishFailedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SessionRow session, string idempotencyKey, string failureCode,
        StoredResponse response, CancellationToken ct)
    {
        await connection.ExecuteAsync(
            "UPDATE legacy.checkout_sessions SET status = 'FAILED', failure_code = @failureCode, updated_at = now() WHERE checkout_session_id = @CheckoutSessionId",
            new { failureCode, session.CheckoutSessionId }, transaction);
        await StoreKeyAsync(connection, transaction, idempotencyKey, session.CheckoutSessionId, response);
        await transaction.CommitAsync(ct);
        return response;
    }

    private static Task StoreKeyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, Guid sessionId, StoredResponse response) =>
        connection.ExecuteAsync(
            "INSERT INTO legacy.idempotency_keys (idempotency_key, checkout_session_id, status_code, response_body) VALUES (@key, @sessionId, @StatusCode, @Body)",
            new { key, sessionId, response.StatusCode, response.Body }, transaction);

    private static StoredResponse Failure(
        HttpContext http, int status, string code, string checkoutStatus, string detail, Dictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?>(extra ?? []) { ["checkoutStatus"] = checkoutStatus };
        var problem = ApiProblem.Create(http, status, code, detail, extensions: extensions);
        return new StoredResponse(status, JsonSerializer.Serialize(problem, Json), "application/problem+json");
    }

    private sealed record SessionRow(
        Guid CheckoutSessionId, Guid CartId, string? ShopperId, Guid PaymentMethodId, string ShippingAddress, string Lines,
        long SubtotalCents, long ShippingCents, long TotalCents, string Currency, string Status, string? FailureCode, Guid? OrderId);

    private sealed record PaymentMethodOwner(string? ShopperId);

    private sealed record StoredKey(Guid CheckoutSessionId, int StatusCode, string Body);

    private sealed record Shortage(Guid ProductId, int Wanted, int Available);
}

/// <summary>A completion answer exactly as first sent, so a replay can send it again byte for byte.</summary>
internal sealed record StoredResponse(int StatusCode, string Body, string ContentType = "application/json");
