using CloudScale.BuildingBlocks.Http;
using CloudScale.Payment.Contracts;

namespace CloudScale.Payment.Tests;

public sealed class CaptureVoidRefundTests(PaymentFixture fixture) : IClassFixture<PaymentFixture>
{
    [Fact]
    public async Task Capturing_twice_captures_once()
    {
        var (paymentId, _) = await fixture.AuthorizeNewAsync(PaymentFixture.Approved);

        var first = await fixture.Payment(p => p.CaptureAsync(paymentId, CancellationToken.None));
        var second = await fixture.Payment(p => p.CaptureAsync(paymentId, CancellationToken.None));

        Assert.Equal(new PaymentResult(paymentId, PaymentOutcome.Succeeded, PaymentStatus.Captured), first);
        Assert.Equal(first, second);
        Assert.Equal("CAPTURED", await fixture.StatusAsync(paymentId));
        Assert.Equal(1, await fixture.EventsAsync(PaymentTopics.Captured, paymentId));
    }

    [Fact]
    public async Task Concurrent_captures_of_one_payment_capture_it_once()
    {
        var (paymentId, _) = await fixture.AuthorizeNewAsync(PaymentFixture.Approved);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => fixture.Payment(p => p.CaptureAsync(paymentId, CancellationToken.None)))));

        Assert.All(results, r => Assert.Equal((PaymentOutcome.Succeeded, PaymentStatus.Captured), (r.Outcome, r.Status)));
        Assert.Equal("CAPTURED", await fixture.StatusAsync(paymentId));
        Assert.Equal(1, await fixture.EventsAsync(PaymentTopics.Captured, paymentId));
    }

    [Fact]
    public async Task A_capture_the_gateway_fails_is_a_gateway_error_and_the_payment_stays_authorized()
    {
        var (paymentId, _) = await fixture.AuthorizeNewAsync(PaymentFixture.CaptureFails);

        var result = await fixture.Payment(p => p.CaptureAsync(paymentId, CancellationToken.None));

        Assert.Equal((PaymentOutcome.GatewayError, PaymentStatus.Authorized), (result.Outcome, result.Status));
        Assert.Equal("AUTHORIZED", await fixture.StatusAsync(paymentId));
        Assert.Equal(0, await fixture.EventsAsync(PaymentTopics.Captured, paymentId));
    }

    [Fact]
    public async Task Capturing_a_declined_payment_is_a_conflict_and_an_unknown_one_a_404()
    {
        var (declined, _) = await fixture.AuthorizeNewAsync(PaymentFixture.Declined);

        var conflict = await Assert.ThrowsAsync<ApiException>(() => fixture.Payment(p => p.CaptureAsync(declined, CancellationToken.None)));
        var missing = await Assert.ThrowsAsync<ApiException>(() => fixture.Payment(p => p.CaptureAsync(Guid.NewGuid(), CancellationToken.None)));

        Assert.Equal((409, "payment_state_conflict"), (conflict.Status, conflict.Code));
        Assert.Equal((404, "payment_not_found"), (missing.Status, missing.Code));
        Assert.Equal("DECLINED", await fixture.StatusAsync(declined));
    }

    [Fact]
    public async Task Voiding_an_authorized_payment_releases_it_and_voiding_again_is_a_no_op()
    {
        var (paymentId, _) = await fixture.AuthorizeNewAsync(PaymentFixture.Approved);

        var first = await fixture.Payment(p => p.VoidAsync(paymentId, CancellationToken.None));
        var second = await fixture.Payment(p => p.VoidAsync(paymentId, CancellationToken.None));
        var capture = await Assert.ThrowsAsync<ApiException>(() => fixture.Payment(p => p.CaptureAsync(paymentId, CancellationToken.None)));

        Assert.Equal(new PaymentResult(paymentId, PaymentOutcome.Succeeded, PaymentStatus.Voided), first);
        Assert.Equal(first, second);
        Assert.Equal("VOIDED", await fixture.StatusAsync(paymentId));
        Assert.Equal(409, capture.Status);
    }

    [Fact]
    public async Task Voiding_a_pending_payment_finds_its_authorisation_by_key_and_releases_it()
    {
        var (paymentId, _) = await fixture.AuthorizeNewAsync(PaymentFixture.Approved);
        var reference = await fixture.ReferenceAsync(paymentId);
        // The process died during the authorisation call: the hold exists at the gateway, the row does not know it.
        await fixture.Database.ExecuteAsync(
            "UPDATE payment.payments SET status = 'PENDING', gateway_reference = NULL WHERE payment_id = @id", ("id", paymentId));

        var result = await fixture.Payment(p => p.VoidAsync(paymentId, CancellationToken.None));

        Assert.Equal(new PaymentResult(paymentId, PaymentOutcome.Succeeded, PaymentStatus.Voided), result);
        Assert.Equal("VOIDED", await fixture.StatusAsync(paymentId));
        // The same authorisation as the first attempt's: found by its key, not a new hold.
        Assert.Equal(reference, await fixture.ReferenceAsync(paymentId));
    }

    [Fact]
    public async Task Voiding_a_pending_payment_the_gateway_declines_records_the_decline()
    {
        var (paymentId, _) = await fixture.AuthorizeNewAsync(PaymentFixture.InsufficientFunds);
        await fixture.Database.ExecuteAsync(
            "UPDATE payment.payments SET status = 'PENDING', decline_code = NULL WHERE payment_id = @id", ("id", paymentId));

        var result = await fixture.Payment(p => p.VoidAsync(paymentId, CancellationToken.None));

        Assert.Equal(new PaymentResult(paymentId, PaymentOutcome.Succeeded, PaymentStatus.Declined, "insufficient_funds"), result);
        Assert.Equal("DECLINED", await fixture.StatusAsync(paymentId));
    }

    [Fact]
    public async Task Voiding_a_pending_payment_while_the_gateway_fails_is_a_gateway_error_and_stays_pending()
    {
        var (paymentId, _) = await fixture.AuthorizeNewAsync(PaymentFixture.GatewayError);

        var result = await fixture.Payment(p => p.VoidAsync(paymentId, CancellationToken.None));

        Assert.Equal((PaymentOutcome.GatewayError, PaymentStatus.Pending), (result.Outcome, result.Status));
        Assert.Equal("PENDING", await fixture.StatusAsync(paymentId));
    }

    [Fact]
    public async Task Voiding_an_unknown_or_declined_payment_is_a_no_op()
    {
        var unknown = Guid.NewGuid();
        var (declined, _) = await fixture.AuthorizeNewAsync(PaymentFixture.Declined);

        var ofUnknown = await fixture.Payment(p => p.VoidAsync(unknown, CancellationToken.None));
        var ofDeclined = await fixture.Payment(p => p.VoidAsync(declined, CancellationToken.None));

        Assert.Equal(new PaymentResult(unknown, PaymentOutcome.Succeeded, PaymentStatus.Unknown), ofUnknown);
        Assert.Equal(new PaymentResult(declined, PaymentOutcome.Succeeded, PaymentStatus.Declined, "card_declined"), ofDeclined);
        Assert.Equal("DECLINED", await fixture.StatusAsync(declined));
    }

    [Fact]
    public async Task Voiding_a_captured_payment_is_a_conflict()
    {
        var (paymentId, _) = await fixture.AuthorizeNewAsync(PaymentFixture.Approved);
        await fixture.Payment(p => p.CaptureAsync(paymentId, CancellationToken.None));

        var refusal = await Assert.ThrowsAsync<ApiException>(() => fixture.Payment(p => p.VoidAsync(paymentId, CancellationToken.None)));

        Assert.Equal((409, "payment_state_conflict"), (refusal.Status, refusal.Code));
        Assert.Equal("CAPTURED", await fixture.StatusAsync(paymentId));
    }

    [Fact]
    public async Task Refunding_a_captured_payment_refunds_it_all_once()
    {
        var (paymentId, _) = await fixture.AuthorizeNewAsync(PaymentFixture.Approved, amountCents: 4200);
        await fixture.Payment(p => p.CaptureAsync(paymentId, CancellationToken.None));

        var first = await fixture.Payment(p => p.RefundAsync(paymentId, null, CancellationToken.None));
        var second = await fixture.Payment(p => p.RefundAsync(paymentId, null, CancellationToken.None));

        Assert.Equal(new PaymentResult(paymentId, PaymentOutcome.Succeeded, PaymentStatus.Refunded), first);
        Assert.Equal(first, second);
        Assert.Equal("REFUNDED", await fixture.StatusAsync(paymentId));
        Assert.Equal(4200, await RefundedAsync(paymentId));
        Assert.Equal(1, await fixture.EventsAsync(PaymentTopics.Refunded, paymentId));
        var details = await fixture.Payment(p => p.FindPaymentAsync(paymentId, CancellationToken.None));
        Assert.Equal((PaymentStatus.Refunded, 4200L), (details!.Status, details.RefundedCents));
    }

    [Fact]
    public async Task A_partial_refund_records_the_refunded_amount()
    {
        var (paymentId, _) = await fixture.AuthorizeNewAsync(PaymentFixture.Approved, amountCents: 1000);
        await fixture.Payment(p => p.CaptureAsync(paymentId, CancellationToken.None));

        var result = await fixture.Payment(p => p.RefundAsync(paymentId, 300, CancellationToken.None));

        Assert.Equal(PaymentStatus.Refunded, result.Status);
        Assert.Equal(300, await RefundedAsync(paymentId));
    }

    [Fact]
    public async Task Refunding_more_than_was_captured_is_refused_under_amountCents()
    {
        var (paymentId, _) = await fixture.AuthorizeNewAsync(PaymentFixture.Approved, amountCents: 1000);
        await fixture.Payment(p => p.CaptureAsync(paymentId, CancellationToken.None));

        var tooMuch = await Assert.ThrowsAsync<ApiException>(() => fixture.Payment(p => p.RefundAsync(paymentId, 1001, CancellationToken.None)));
        var negative = await Assert.ThrowsAsync<ApiException>(() => fixture.Payment(p => p.RefundAsync(paymentId, -5, CancellationToken.None)));

        Assert.Equal((400, ProblemCodes.ValidationFailed), (tooMuch.Status, tooMuch.Code));
        Assert.Equal(["amountCents"], tooMuch.Errors!.Keys);
        Assert.Equal(["amountCents"], negative.Errors!.Keys);
        Assert.Equal("CAPTURED", await fixture.StatusAsync(paymentId));
    }

    [Fact]
    public async Task Refunding_an_authorized_payment_is_a_conflict_telling_to_void_it()
    {
        var (paymentId, _) = await fixture.AuthorizeNewAsync(PaymentFixture.Approved);

        var refusal = await Assert.ThrowsAsync<ApiException>(() => fixture.Payment(p => p.RefundAsync(paymentId, null, CancellationToken.None)));

        Assert.Equal((409, "payment_state_conflict"), (refusal.Status, refusal.Code));
        Assert.Contains("void it instead", refusal.Message);
        Assert.Equal("AUTHORIZED", await fixture.StatusAsync(paymentId));
    }

    private Task<long> RefundedAsync(Guid paymentId) =>
        fixture.Database.ScalarAsync<long>("SELECT refunded_cents FROM payment.payments WHERE payment_id = @id", ("id", paymentId));
}
