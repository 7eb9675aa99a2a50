using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Legacy.Carts;
using Dapper;
using Npgsql;

namespace CloudScale.Legacy.Payments;

internal sealed class PaymentMethodService(NpgsqlDataSource dataSource, IPaymentGateway gateway, TimeProvider clock)
{
    public const string PaymentMethodNotFound = "payment_method_not_found";

    public async Task<PaymentMethodDto> RegisterAsync(HttpContext http, RegisterPaymentMethodRequest? body, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Check(body is not null, "body", "a JSON body {cardNumber, expMonth, expYear, cvc, holderName} is required");
        var digits = CardNumber.Normalize(body?.CardNumber);
        // Messages never echo the card number or CVC back.
        errors.Check(digits is { Length: >= 12 and <= 19 } && CardNumber.PassesLuhn(digits), "cardNumber",
            "cardNumber must be 12..19 digits that pass the Luhn check");
        errors.Check(body?.ExpMonth is >= 1 and <= 12, "expMonth", $"expMonth must be 1..12, got {body?.ExpMonth?.ToString() ?? "nothing"}");
        var now = clock.GetUtcNow();
        var expYear = body?.ExpYear;
        errors.Check(expYear is not null && expYear <= now.Year + 20, "expYear", $"expYear must be a four-digit year at most {now.Year + 20}, got {expYear?.ToString() ?? "nothing"}");
        if (body?.ExpMonth is >= 1 and <= 12 && expYear is not null)
        {
            errors.Check((expYear.Value, body.ExpMonth.Value).CompareTo((now.Year, now.Month)) >= 0, "expYear", "the card has expired");
        }

        errors.Check(body?.Cvc is { Length: 3 or 4 } cvc && cvc.All(char.IsAsciiDigit), "cvc", "cvc must be 3 or 4 digits");
        errors.Check(FreeText.IsValid(body?.HolderName, 100), "holderName", "holderName must be 1..100 characters, without control characters");
        var shopperId = ShopperApiSetup.ResolveShopperId(http, null, errors, "X-Shopper-Id");
        errors.ThrowIfAny();

        var method = new PaymentMethodDto(Guid.NewGuid(), CardNumber.Brand(digits!), digits![^4..]);
        var token = gateway.Tokenize(digits);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await Shoppers.EnsureAsync(connection, transaction, shopperId);
        await connection.ExecuteAsync("""
            INSERT INTO legacy.payment_methods (payment_method_id, shopper_id, gateway_token, brand, last4, exp_month, exp_year)
            VALUES (@PaymentMethodId, @shopperId, @token, @Brand, @Last4, @expMonth, @expYear)
            """, new { method.PaymentMethodId, shopperId, token, method.Brand, method.Last4, expMonth = body!.ExpMonth, expYear }, transaction);
        await transaction.CommitAsync(ct);
        return method;
    }
}
