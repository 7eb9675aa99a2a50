using System.Net;
using CloudScale.Legacy.Payments;
using CloudScale.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Authorization = CloudScale.Legacy.Payments.Authorization;

namespace CloudScale.Legacy.Tests;

/// <summary>Legacy with a gateway that fails captures on demand and a capture sweeper that runs every 100 ms.</summary>
public sealed class FlakyGatewayFixture : LegacyFixture
{
    internal FlakyGateway Gateway { get; } = new(new SimulatedPaymentGateway());

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPaymentGateway>(Gateway);
        builder.Configuration["Legacy:CaptureStaleAfter"] = "00:00:00.200";
        builder.Configuration["Legacy:CaptureSweepInterval"] = "00:00:00.100";
    }
}

/// <summary>The simulator, except that the next <see cref="FailCaptures"/> captures fail like a gateway outage.</summary>
internal sealed class FlakyGateway(IPaymentGateway inner) : IPaymentGateway
{
    private int failCaptures;
    private int captures;

    public int FailCaptures
    {
        set => Volatile.Write(ref failCaptures, value);
    }

    public int Captures => Volatile.Read(ref captures);

    public string Tokenize(string cardNumber) => inner.Tokenize(cardNumber);

    public Task<Authorization> AuthorizeAsync(string token, long amountCents, string currency, string idempotencyKey, CancellationToken ct) =>
        inner.AuthorizeAsync(token, amountCents, currency, idempotencyKey, ct);

    public Task CaptureAsync(string reference, long amountCents, CancellationToken ct)
    {
        if (Interlocked.Decrement(ref failCaptures) >= 0)
        {
            throw new PaymentGatewayException("capture: 503 Service Unavailable");
        }

        Interlocked.Increment(ref captures);
        return inner.CaptureAsync(reference, amountCents, ct);
    }

    public Task VoidAsync(string reference, CancellationToken ct) => inner.VoidAsync(reference, ct);

    public Task RefundAsync(string reference, long amountCents, string idempotencyKey, CancellationToken ct) =>
        inner.RefundAsync(reference, amountCents, idempotencyKey, ct);
}

public sealed class PaymentRecoveryTests(FlakyGatewayFixture fixture) : IClassFixture<FlakyGatewayFixture>
{
    [Fact]
    public async Task A_sale_whose_capture_failed_is_confirmed_at_once_and_captured_later_by_the_sweeper()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 5);
        var shopper = fixture.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1));
        fixture.Gateway.FailCaptures = 1;

        var completed = (await shopper.CompleteAsync(sessionId)).Expect(HttpStatusCode.OK);

        Assert.Equal("CONFIRMED", completed.Str("status"));
        var orderId = Guid.Parse(completed.Str("orderId"));
        var status = await WaitForPaymentStatusAsync(orderId, "CAPTURED");
        Assert.Equal("CAPTURED", status);
        Assert.Equal(4, await fixture.Data.OnHandAsync(productId));
    }

    [Fact]
    public async Task Refunding_an_order_whose_payment_was_never_captured_releases_the_hold_instead()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 5);
        var shopper = fixture.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1));
        fixture.Gateway.FailCaptures = 1000;
        string orderId;
        try
        {
            orderId = (await shopper.CompleteAsync(sessionId)).Expect(HttpStatusCode.OK).Str("orderId");
            (await shopper.PostJsonAsync($"/api/v1/orders/{orderId}/refund", null)).Expect(HttpStatusCode.OK);
        }
        finally
        {
            fixture.Gateway.FailCaptures = 0;
        }

        Assert.Equal("VOIDED", await WaitForPaymentStatusAsync(Guid.Parse(orderId), "VOIDED"));
        Assert.Equal("REFUNDED", (await shopper.GetAsync($"/api/v1/orders/{orderId}")).Str("status"));
    }

    [Fact]
    public async Task The_same_key_sent_for_two_checkouts_at_once_sells_one_and_refuses_the_other()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 10);
        var shopper = fixture.NewShopper();
        var first = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1));
        var second = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1));

        var answers = await Task.WhenAll(shopper.CompleteAsync(first, "contested-key"), shopper.CompleteAsync(second, "contested-key"));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.Single(answers, a => a.Status == HttpStatusCode.UnprocessableEntity && a.ProblemCode == "idempotency_key_reused");
        Assert.Equal(9, await fixture.Data.OnHandAsync(productId));
    }

    private async Task<string?> WaitForPaymentStatusAsync(Guid orderId, string wanted)
    {
        string? status = null;
        for (var i = 0; i < 100 && status != wanted; i++)
        {
            status = await fixture.Database.ScalarAsync<string>("SELECT status FROM legacy.payments WHERE order_id = @id", ("id", orderId));
            if (status != wanted)
            {
                await Task.Delay(100);
            }
        }

        return status;
    }
}
