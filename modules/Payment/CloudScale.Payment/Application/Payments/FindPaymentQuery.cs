using CloudScale.BuildingBlocks.Modules;
using CloudScale.Payment.Contracts;
using CloudScale.Payment.Domain;
using CloudScale.Payment.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.Payment.Application.Payments;

internal sealed record FindPaymentQuery(Guid PaymentId) : IQuery<PaymentDetails?>;

internal sealed class FindPaymentHandler(PaymentDbContext db) : IRequestHandler<FindPaymentQuery, PaymentDetails?>
{
    public async Task<PaymentDetails?> Handle(FindPaymentQuery request, CancellationToken cancellationToken)
    {
        var found = await db.Set<CardPayment>().AsNoTracking()
            .Where(p => p.PaymentId == request.PaymentId)
            .Join(db.Set<StoredPaymentMethod>(), p => p.PaymentMethodId, m => m.PaymentMethodId, (p, m) => new { Payment = p, m.Brand, m.Last4 })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var p = found.Payment;
        return new PaymentDetails(p.PaymentId, p.PaymentMethodId, PaymentResults.StatusOf(p.State), found.Brand, found.Last4, p.AmountCents,
            p.RefundedCents, p.Currency, p.DeclineCode);
    }
}
