using CloudScale.BuildingBlocks.Http;
using CloudScale.Payment.Contracts;

namespace CloudScale.Payment.Tests;

public sealed class AuthorizeTests(PaymentFixture fixture) : IClassFixture<PaymentFixture>
{
    [Theory]
    [InlineData(PaymentFixture.Approved, PaymentOutcome.Succeeded, "AUTHORIZED", null)]
    [InlineData(PaymentFixture.Declined, PaymentOutcome.Declined, "DECLINED", "card_declined")]
    [InlineData(PaymentFixture.InsufficientFunds, PaymentOutcome.Declined, "DECLINED", "insufficient_funds")]
    [InlineData(PaymentFixture.GatewayError, PaymentOutcome.GatewayError, "PENDING", null)]
    [InlineData(PaymentFixture.Slow, PaymentOutcome.Succeeded, "AUTHORIZED", null)]
    [InlineData(PaymentFixture.CaptureFails, PaymentOutcome.Succeeded, "AUTHORIZED", null)]
    [InlineData(PaymentFixture.CaptureHangs, PaymentOutcome.Succeeded, "AUTHORIZED", null)]
    public async Task Each_test_card_authorizes_as_designed(string card, PaymentOutcome outcome, string status, string? declineCode)
    {
        var (paymentId, result) = await fixture.AuthorizeNewAsync(card);

        Assert.Equal((outcome, declineCode), (result.Outcome, result.DeclineCode));
        Assert.Equal(status, await fixture.StatusAsync(paymentId));
        Assert.Equal(declineCode, await fixture.Database.ScalarAsync<string>(
            "SELECT decline_code FROM payment.payments WHERE payment_id = @id", ("id", paymentId)));
        Assert.Equal(status == "AUTHORIZED" ? 1 : 0, await fixture.EventsAsync(PaymentTopics.Authorized, paymentId));
        Assert.Equal(status == "DECLINED" ? 1 : 0, await fixture.EventsAsync(PaymentTopics.Failed, paymentId));
        var details = await fixture.Payment(p => p.FindPaymentAsync(paymentId, CancellationToken.None));
        Assert.Equal((1999L, "EUR", card[^4..]), (details!.AmountCents, details.Currency, details.Last4));
    }

    [Fact]
    public async Task Authorizing_one_payment_id_twice_gives_one_authorisation_and_one_row()
    {
        var method = await fixture.RegisterAsync(PaymentFixture.Approved);
        var request = new AuthorizePayment(Guid.NewGuid(), method, 2500, "EUR");

        var first = await fixture.Payment(p => p.AuthorizeAsync(request, CancellationToken.None));
        var reference = await fixture.ReferenceAsync(request.PaymentId);
        var second = await fixture.Payment(p => p.AuthorizeAsync(request, CancellationToken.None));

        Assert.Equal(first, second);
        Assert.Equal(PaymentStatus.Authorized, second.Status);
        Assert.Equal(reference, await fixture.ReferenceAsync(request.PaymentId));
        Assert.Equal(1, await CountAsync(request.PaymentId));
        Assert.Equal(1, await fixture.EventsAsync(PaymentTopics.Authorized, request.PaymentId));
    }

    [Fact]
    public async Task A_declined_payment_repeated_returns_the_stored_decline()
    {
        var (paymentId, first) = await fixture.AuthorizeNewAsync(PaymentFixture.Declined);
        var method = await fixture.Database.ScalarAsync<Guid>("SELECT payment_method_id FROM payment.payments WHERE payment_id = @id", ("id", paymentId));

        var again = await fixture.Payment(p => p.AuthorizeAsync(new AuthorizePayment(paymentId, method, 1999, "EUR"), CancellationToken.None));

        Assert.Equal(first, again);
        Assert.Equal(1, await fixture.EventsAsync(PaymentTopics.Failed, paymentId));
    }

    [Fact]
    public async Task Concurrent_authorisations_of_one_payment_id_record_one_payment_and_one_event()
    {
        var method = await fixture.RegisterAsync(PaymentFixture.Approved);
        var request = new AuthorizePayment(Guid.NewGuid(), method, 700, "USD");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => fixture.Payment(p => p.AuthorizeAsync(request, CancellationToken.None)))));

        Assert.All(results, r => Assert.Equal((PaymentOutcome.Succeeded, PaymentStatus.Authorized), (r.Outcome, r.Status)));
        Assert.Equal(1, await CountAsync(request.PaymentId));
        Assert.Equal(1, await fixture.EventsAsync(PaymentTopics.Authorized, request.PaymentId));
    }

    [Fact]
    public async Task A_pending_payment_is_asked_again_under_the_same_key_and_gets_the_same_authorisation()
    {
        var (paymentId, _) = await fixture.AuthorizeNewAsync(PaymentFixture.Approved);
        var reference = await fixture.ReferenceAsync(paymentId);
        // As if the first attempt's answer had never been recorded (the process died during the call).
        await fixture.Database.ExecuteAsync(
            "UPDATE payment.payments SET status = 'PENDING', gateway_reference = NULL WHERE payment_id = @id", ("id", paymentId));
        var method = await fixture.Database.ScalarAsync<Guid>("SELECT payment_method_id FROM payment.payments WHERE payment_id = @id", ("id", paymentId));

        var again = await fixture.Payment(p => p.AuthorizeAsync(new AuthorizePayment(paymentId, method, 1999, "EUR"), CancellationToken.None));

        Assert.Equal(PaymentStatus.Authorized, again.Status);
        Assert.Equal(reference, await fixture.ReferenceAsync(paymentId));
        Assert.Equal(1, await CountAsync(paymentId));
    }

    [Fact]
    public async Task A_gateway_error_leaves_the_payment_pending_without_a_failed_event()
    {
        var (paymentId, result) = await fixture.AuthorizeNewAsync(PaymentFixture.GatewayError);

        Assert.Equal((PaymentOutcome.GatewayError, PaymentStatus.Pending), (result.Outcome, result.Status));
        Assert.Equal("PENDING", await fixture.StatusAsync(paymentId));
        Assert.Null(await fixture.ReferenceAsync(paymentId));
        Assert.Equal(0, await fixture.EventsAsync(PaymentTopics.Failed, paymentId));
    }

    [Fact]
    public async Task Reusing_a_payment_id_for_another_amount_is_a_conflict()
    {
        var method = await fixture.RegisterAsync(PaymentFixture.Approved);
        var paymentId = Guid.NewGuid();
        await fixture.Payment(p => p.AuthorizeAsync(new AuthorizePayment(paymentId, method, 1000, "EUR"), CancellationToken.None));

        var refusal = await Assert.ThrowsAsync<ApiException>(() =>
            fixture.Payment(p => p.AuthorizeAsync(new AuthorizePayment(paymentId, method, 2000, "EUR"), CancellationToken.None)));

        Assert.Equal((409, "payment_id_reused"), (refusal.Status, refusal.Code));
        Assert.Equal(1000, await fixture.Database.ScalarAsync<long>("SELECT amount_cents FROM payment.payments WHERE payment_id = @id", ("id", paymentId)));
    }

    [Fact]
    public async Task An_unknown_payment_method_is_a_404_and_nothing_is_stored()
    {
        var paymentId = Guid.NewGuid();

        var refusal = await Assert.ThrowsAsync<ApiException>(() =>
            fixture.Payment(p => p.AuthorizeAsync(new AuthorizePayment(paymentId, Guid.NewGuid(), 1000, "EUR"), CancellationToken.None)));

        Assert.Equal((404, "payment_method_not_found"), (refusal.Status, refusal.Code));
        Assert.Equal(0, await CountAsync(paymentId));
    }

    [Fact]
    public async Task An_invalid_authorisation_is_refused_naming_the_fields_and_nothing_is_stored()
    {
        var method = await fixture.RegisterAsync(PaymentFixture.Approved);
        var paymentId = Guid.NewGuid();

        var refusal = await Assert.ThrowsAsync<ApiException>(() =>
            fixture.Payment(p => p.AuthorizeAsync(new AuthorizePayment(paymentId, method, 0, "eur"), CancellationToken.None)));

        Assert.Equal((400, ProblemCodes.ValidationFailed), (refusal.Status, refusal.Code));
        Assert.Equal(["amountCents", "currency"], refusal.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("amountCents must be greater than 0, got 0", Assert.Single(refusal.Errors["amountCents"]));
        Assert.Equal(0, await CountAsync(paymentId));
    }

    private Task<long> CountAsync(Guid paymentId) =>
        fixture.Database.ScalarAsync<long>("SELECT count(*) FROM payment.payments WHERE payment_id = @id", ("id", paymentId));
}
