using Microsoft.Extensions.Options;

namespace CloudScale.Payment.Infrastructure;

internal sealed class PaymentOptionsValidator : IValidateOptions<PaymentOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentOptions options) =>
        options.Validate() is [_, ..] errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
