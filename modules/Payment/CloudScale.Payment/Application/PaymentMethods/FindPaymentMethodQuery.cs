using CloudScale.BuildingBlocks.Modules;
using CloudScale.Payment.Contracts;
using CloudScale.Payment.Infrastructure;
using CloudScale.Payment.Infrastructure.Persistence;
using MediatR;

namespace CloudScale.Payment.Application.PaymentMethods;

internal sealed record FindPaymentMethodQuery(Guid PaymentMethodId) : IQuery<PaymentMethod?>;

internal sealed class FindPaymentMethodHandler(PaymentDbContext db) : IRequestHandler<FindPaymentMethodQuery, PaymentMethod?>
{
    public async Task<PaymentMethod?> Handle(FindPaymentMethodQuery request, CancellationToken cancellationToken) =>
        await db.FindMethodAsync(request.PaymentMethodId, cancellationToken) is { } method ? PaymentMethods.ToContract(method) : null;
}
