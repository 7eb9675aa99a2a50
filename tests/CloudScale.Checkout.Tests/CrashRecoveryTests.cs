using System.Diagnostics;
using CloudScale.Checkout.Application.Saga;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Checkout.Tests;

/// <summary>The modules with a short gateway timeout, so recovery's captures of the hanging card give up quickly.</summary>
public sealed class ShortGatewayTimeoutFixture : ModulesFixture
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Payment:Gateway:Timeout"] = "00:00:01",
        ["Payment:Gateway:MaxRetries"] = "0",
    };
}

public sealed class CrashRecoveryTests(ShortGatewayTimeoutFixture fixture) : IClassFixture<ShortGatewayTimeoutFixture>
{
    [Fact]
    public async Task A_process_killed_between_authorisation_and_capture_is_settled_by_recovery_without_money_or_stock_astray()
    {
        var productId = await fixture.NewProductAsync(onHand: 5);
        var sessionId = await fixture.PrepareCheckoutAsync(ModulesFixture.CaptureHangsCard, (productId, 2));
        var key = "crash-" + sessionId;

        using (var child = ChildProcess.Start("complete-checkout", fixture.Database.ConnectionString, fixture.Catalog.BaseAddress.ToString(), sessionId.ToString(), key))
        {
            _ = child.StandardError.ReadToEndAsync();
            _ = child.StandardOutput.ReadToEndAsync();
            try
            {
                await EventuallyAsync(async () => await fixture.SagaColumnAsync(sessionId, "step") == "CAPTURE", "the child's saga reaching the capture step", () => child.HasExited);
                Assert.Equal("AUTHORIZED", await PaymentStatusAsync(sessionId));
            }
            finally
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync();
            }
        }

        Assert.Equal("RUNNING", await fixture.SagaColumnAsync(sessionId, "status"));
        Assert.Equal("PENDING", await fixture.StringAsync("SELECT status FROM checkout.orders WHERE checkout_session_id = @id", ("id", sessionId)));

        // The killed process's lock dies with its connection; until PostgreSQL notices, recovery skips the saga.
        var recovery = fixture.Services.GetRequiredService<SagaRecovery>();
        await EventuallyAsync(async () => await recovery.RecoverOnceAsync(TimeSpan.Zero, CancellationToken.None) > 0
                                          || await fixture.SagaColumnAsync(sessionId, "status") != "RUNNING", "recovery settling the saga");

        var order = await fixture.StringAsync("SELECT status FROM checkout.orders WHERE checkout_session_id = @id", ("id", sessionId));
        var payment = await PaymentStatusAsync(sessionId);
        var reservation = await fixture.StringAsync(
            "SELECT r.status FROM inventory.reservations r JOIN checkout.sagas s ON s.reservation_id = r.reservation_id WHERE s.checkout_session_id = @id", ("id", sessionId));
        var stock = await fixture.StockAsync(productId);
        // Either rolled forward or fully compensated, never anything in between.
        if (order == "CONFIRMED")
        {
            Assert.Equal(("CAPTURED", "Committed", (3, 0)), (payment, reservation, stock));
        }
        else
        {
            Assert.Equal(("FAILED", "VOIDED", "Released", (5, 0)), (order, payment, reservation, stock));
        }

        Assert.Equal(0, await fixture.CountAsync("checkout.sagas", "status = 'RUNNING'"));
        // The invariant over everything this fixture did: no captured or authorised payment without a confirmed order,
        // no confirmed order without committed stock.
        Assert.Equal(0, await fixture.CountAsync("payment.payments p JOIN checkout.sagas s ON s.payment_id = p.payment_id LEFT JOIN checkout.orders o ON o.order_id = s.order_id",
            "p.status IN ('CAPTURED', 'AUTHORIZED') AND (o.status IS NULL OR o.status NOT IN ('CONFIRMED', 'REFUNDED'))"));
        Assert.Equal(0, await fixture.CountAsync("checkout.orders o JOIN checkout.sagas s ON s.order_id = o.order_id JOIN inventory.reservations r ON r.reservation_id = s.reservation_id",
            "o.status = 'CONFIRMED' AND r.status <> 'Committed'"));
        // The shopper's retry with the same key gets the settled answer.
        var answer = await fixture.CompleteAsync(sessionId, key);
        Assert.Equal(order == "CONFIRMED" ? "CONFIRMED" : "FAILED", answer.Status);
    }

    private Task<string?> PaymentStatusAsync(Guid sessionId) => fixture.StringAsync(
        "SELECT p.status FROM payment.payments p JOIN checkout.sagas s ON s.payment_id = p.payment_id WHERE s.checkout_session_id = @id", ("id", sessionId));

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what, Func<bool>? giveUp = null)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > TimeSpan.FromSeconds(60) || giveUp?.Invoke() == true)
            {
                throw new TimeoutException($"{what} did not happen (waited {elapsed.Elapsed.TotalSeconds:0} s)");
            }

            await Task.Delay(100);
        }
    }
}
