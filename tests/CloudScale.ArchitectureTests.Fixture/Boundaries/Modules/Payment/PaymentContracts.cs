namespace Fixture.Payment.Contracts;

public interface IPaymentModule
{
    PaymentResult Authorize(Guid paymentId);
}

// Open for inheritance, though nothing was designed to derive from it.
public class PaymentResult
{
    public bool Succeeded { get; init; }
}
