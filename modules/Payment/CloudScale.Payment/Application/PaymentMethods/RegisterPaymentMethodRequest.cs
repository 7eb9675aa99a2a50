using CloudScale.Payment.Contracts;
using MediatR;

namespace CloudScale.Payment.Application.PaymentMethods;

/// <summary>
/// Registers a card. A plain request rather than an <c>ICommand</c>: it calls the gateway (tokenisation), and no
/// transaction is held open across a gateway call; its single SaveChanges is atomic on its own.
/// A class, not a record: a record's generated ToString would print the card number and CVC if anything logged it.
/// </summary>
internal sealed class RegisterPaymentMethodRequest(RegisterPaymentMethod card) : IRequest<PaymentMethod>
{
    public RegisterPaymentMethod Card { get; } = card;

    public override string ToString() => nameof(RegisterPaymentMethodRequest);
}
