using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Domain;
using CloudScale.Checkout.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.Checkout.Application.Orders;

internal sealed record GetOrderQuery(Guid OrderId) : IQuery<OrderView>;

internal sealed class GetOrderHandler(CheckoutDbContext db, OrderViews views) : IRequestHandler<GetOrderQuery, OrderView>
{
    public async Task<OrderView> Handle(GetOrderQuery request, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == request.OrderId, cancellationToken)
                    ?? throw ApiException.NotFound(CheckoutProblems.OrderNotFound, $"No order with id '{request.OrderId}'.");
        return await views.ViewAsync(order, cancellationToken);
    }
}
