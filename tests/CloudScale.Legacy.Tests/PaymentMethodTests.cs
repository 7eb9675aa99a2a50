using System.Net;
using CloudScale.Testing;

namespace CloudScale.Legacy.Tests;

public sealed class PaymentMethodTests(LegacyFixture fixture) : IClassFixture<LegacyFixture>
{
    [Fact]
    public async Task Only_token_brand_last4_and_expiry_are_stored_never_the_card_number_or_cvc()
    {
        var shopper = fixture.NewShopper();
        var response = await shopper.PostJsonAsync("/api/v1/payment-methods", new
        {
            cardNumber = "4242 4242 4242 4242", expMonth = 4, expYear = DateTime.UtcNow.Year + 2, cvc = "735", holderName = "Ada Lovelace",
        });

        response.Expect(HttpStatusCode.Created);
        Assert.Equal("visa", response.Str("brand"));
        Assert.Equal("4242", response.Str("last4"));
        Assert.DoesNotContain("4242424242424242", response.Body);

        var row = await fixture.Database.ScalarAsync<string>(
            "SELECT row_to_json(m)::text FROM legacy.payment_methods m WHERE payment_method_id = @id",
            ("id", Guid.Parse(response.Str("paymentMethodId"))));
        Assert.DoesNotContain("4242424242424242", row);
        Assert.DoesNotContain("cvc", row);
        var columns = await fixture.Database.ScalarAsync<string>(
            "SELECT string_agg(column_name, ',' ORDER BY column_name) FROM information_schema.columns WHERE table_schema = 'legacy' AND table_name = 'payment_methods'");
        Assert.Equal("brand,created_at,exp_month,exp_year,gateway_token,last4,payment_method_id,shopper_id", columns);
    }

    // expYear is relative to now (+2 is valid, +30 too far, -1 expired) so each row breaks exactly one rule.
    [Theory]
    [InlineData("4242424242424241", 12, 2, "123", "Ada", "cardNumber")]
    [InlineData("4242-abc", 12, 2, "123", "Ada", "cardNumber")]
    [InlineData(ShopperApiClient.ApprovedCard, 13, 2, "123", "Ada", "expMonth")]
    [InlineData(ShopperApiClient.ApprovedCard, 1, -1, "123", "Ada", "expYear")]
    [InlineData(ShopperApiClient.ApprovedCard, 1, 30, "123", "Ada", "expYear")]
    [InlineData(ShopperApiClient.ApprovedCard, 12, 2, "12", "Ada", "cvc")]
    [InlineData(ShopperApiClient.ApprovedCard, 12, 2, "123", "", "holderName")]
    [InlineData(ShopperApiClient.ApprovedCard, 12, 2, "123", "Ada\\u0000Lovelace", "holderName")]
    public async Task Invalid_cards_are_rejected_field_by_field_and_nothing_is_stored(
        string cardNumber, int expMonth, int yearsFromNow, string cvc, string holderName, string field)
    {
        var before = await fixture.Data.CountAsync("payment_methods");
        var expYear = DateTime.UtcNow.Year + yearsFromNow;

        var response = await fixture.NewShopper().PostRawAsync("/api/v1/payment-methods",
            $$"""{"cardNumber":"{{cardNumber}}","expMonth":{{expMonth}},"expYear":{{expYear}},"cvc":"{{cvc}}","holderName":"{{holderName}}"}""");

        response.ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([field], response.Json!["errors"]!.AsObject().Select(e => e.Key));
        Assert.DoesNotContain(cardNumber.Length > 8 ? cardNumber : "never-echoed", response.Body);
        Assert.Equal(before, await fixture.Data.CountAsync("payment_methods"));
    }
}
