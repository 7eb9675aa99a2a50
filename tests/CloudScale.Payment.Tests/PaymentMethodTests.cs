using System.Text.RegularExpressions;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Payment.Contracts;

namespace CloudScale.Payment.Tests;

public sealed partial class PaymentMethodTests(PaymentFixture fixture) : IClassFixture<PaymentFixture>
{
    [Fact]
    public async Task Registering_a_card_stores_only_its_token_brand_last4_and_expiry_and_logs_no_card_number()
    {
        const string number = "4242 4242 4242 4242";
        var method = await fixture.Payment(p => p.RegisterPaymentMethodAsync(PaymentFixture.Card(number, cvc: "8642"), CancellationToken.None));
        await fixture.Payment(p => p.AuthorizeAsync(new AuthorizePayment(Guid.NewGuid(), method.PaymentMethodId, 500, "EUR"), CancellationToken.None));

        Assert.Equal(("visa", "4242", 12), (method.Brand, method.Last4, method.ExpMonth));
        var token = await fixture.Database.ScalarAsync<string>(
            "SELECT gateway_token FROM payment.payment_methods WHERE payment_method_id = @id", ("id", method.PaymentMethodId));
        Assert.Matches("^tok_sim_ok_[0-9a-f]{24}$", token);
        // Every other column: none can hold a run of digits as long as a card number (uuids break theirs with dashes).
        var row = await fixture.Database.ScalarAsync<string>(
            "SELECT (to_jsonb(m) - 'gateway_token')::text FROM payment.payment_methods m WHERE payment_method_id = @id", ("id", method.PaymentMethodId));
        Assert.NotNull(row);
        Assert.Contains("\"last4\": \"4242\"", row);
        Assert.DoesNotMatch(LongDigitRun(), row);
        Assert.DoesNotContain("8642", row);
        // Nothing Payment stores anywhere (payments, outbox payloads) holds the number either.
        var everything = await fixture.Database.ScalarAsync<string>("""
            SELECT concat_ws(' ', (SELECT string_agg(m::text, ' ') FROM payment.payment_methods m),
                                  (SELECT string_agg(p::text, ' ') FROM payment.payments p),
                                  (SELECT string_agg(encode(o.payload, 'escape'), ' ') FROM payment.outbox_messages o))
            """);
        Assert.DoesNotContain(PaymentFixture.Approved, everything);
        Assert.NotEmpty(fixture.Logs.Lines);
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(PaymentFixture.Approved) || line.Contains(number));
    }

    [Fact]
    public async Task An_invalid_card_is_refused_naming_every_bad_field_without_echoing_the_number_and_nothing_is_stored()
    {
        var before = await CountAsync();
        const string badNumber = "4242424242424241";
        var card = new RegisterPaymentMethod("not a shopper id!", badNumber, 13, DateTime.UtcNow.Year, "12a", " ");

        var refusal = await Assert.ThrowsAsync<ApiException>(() => fixture.Payment(p => p.RegisterPaymentMethodAsync(card, CancellationToken.None)));

        Assert.Equal((400, ProblemCodes.ValidationFailed), (refusal.Status, refusal.Code));
        Assert.Equal(["X-Shopper-Id", "cardNumber", "cvc", "expMonth", "holderName"], refusal.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("cardNumber must be 12..19 digits that pass the Luhn check", Assert.Single(refusal.Errors["cardNumber"]));
        Assert.Equal("expMonth must be 1..12, got 13", Assert.Single(refusal.Errors["expMonth"]));
        Assert.DoesNotContain(badNumber, refusal.Message);
        Assert.DoesNotContain("12a", refusal.Message);
        Assert.Equal(before, await CountAsync());
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(badNumber));
    }

    [Fact]
    public async Task An_expired_card_is_refused_under_expYear()
    {
        var lastMonth = DateTime.UtcNow.AddMonths(-1);
        var card = new RegisterPaymentMethod(null, PaymentFixture.Approved, lastMonth.Month, lastMonth.Year, "123", "Ada Lovelace");

        var refusal = await Assert.ThrowsAsync<ApiException>(() => fixture.Payment(p => p.RegisterPaymentMethodAsync(card, CancellationToken.None)));

        Assert.Equal("the card has expired", Assert.Single(refusal.Errors!["expYear"]));
    }

    [Fact]
    public async Task A_registered_card_is_found_by_id_and_an_unknown_id_is_null()
    {
        var registered = await fixture.Payment(p => p.RegisterPaymentMethodAsync(PaymentFixture.Card("5555555555554444", shopperId: null), CancellationToken.None));

        var found = await fixture.Payment(p => p.FindPaymentMethodAsync(registered.PaymentMethodId, CancellationToken.None));
        var missing = await fixture.Payment(p => p.FindPaymentMethodAsync(Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(registered, found);
        Assert.Equal(("mastercard", "4444", (string?)null), (found!.Brand, found.Last4, found.ShopperId));
        Assert.Null(missing);
    }

    private Task<long> CountAsync() => fixture.Database.ScalarAsync<long>("SELECT count(*) FROM payment.payment_methods");

    [GeneratedRegex("[0-9]{13,}")]
    private static partial Regex LongDigitRun();
}
