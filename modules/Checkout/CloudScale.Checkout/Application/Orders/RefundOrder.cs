using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.Checkout.Application.Saga;
using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Domain;
using CloudScale.Checkout.Infrastructure;
using CloudScale.Payment.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudScale.Checkout.Application.Orders;

internal sealed record RefundOrderCommand(Guid OrderId) : ICommand<RefundResult>;

/// <summary>
/// Gives the money back (a payment not captured yet is voided instead). The order row stays locked meanwhile, so two
/// refunds queue; Payment's refund is idempotent per payment, so a retry after an unknown outcome cannot pay twice.
/// </summary>
internal sealed class RefundOrderHandler(CheckoutDbContext db, OtherModules modules, TimeProvider clock, ILogger<RefundOrderHandler> logger)
    : IRequestHandler<RefundOrderCommand, RefundResult>
{
    public async Task<RefundResult> Handle(RefundOrderCommand request, CancellationToken cancellationToken)
    {
        var order = await db.Orders.FromSql($"SELECT * FROM checkout.orders WHERE order_id = {request.OrderId} FOR UPDATE")
                        .SingleOrDefaultAsync(cancellationToken)
                    ?? throw ApiException.NotFound(CheckoutProblems.OrderNotFound, $"No order with id '{request.OrderId}'.");
        order.EnsureRefundable();

        // From here on the caller going away cancels nothing: money may be moving.
        var payment = await modules.PaymentAsync(p => p.FindPaymentAsync(order.PaymentId, CancellationToken.None));
        var result = payment?.Status == PaymentStatus.Authorized
            ? await modules.PaymentAsync(p => p.VoidAsync(order.PaymentId, CancellationToken.None))
            : await modules.PaymentAsync(p => p.RefundAsync(order.PaymentId, null, CancellationToken.None));
        if (!result.Succeeded)
        {
            logger.LogWarning("Refund of order {OrderId} failed at the gateway: {Outcome} {DeclineCode}", order.Id, result.Outcome, result.DeclineCode);
            throw new ApiException(502, CheckoutProblems.PaymentGatewayError, "The card gateway is failing; nothing was refunded. Retry later.");
        }

        order.MarkRefunded(clock.GetUtcNow());
        return new RefundResult(order.Id, OrderStatus.Refunded, payment?.AmountCents ?? order.TotalCents);
    }
}
