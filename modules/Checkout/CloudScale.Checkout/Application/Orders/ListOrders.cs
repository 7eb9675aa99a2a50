using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Domain;
using CloudScale.Checkout.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.Checkout.Application.Orders;

internal sealed record ListOrdersQuery(string? ShopperId) : IQuery<IReadOnlyList<OrderView>>;

internal sealed class ListOrdersValidator : IValidator<ListOrdersQuery>
{
    public void Validate(ListOrdersQuery request, FieldErrors errors) =>
        errors.Check(ShopperId.IsValid(request.ShopperId), "shopperId", $"the shopperId query parameter is required: {ShopperId.Rule}");
}

/// <summary>
/// The shopper's newest orders. A FAILED order is the saga's compensated attempt, which the shopper was answered
/// as a failed checkout, never as an order: it is not listed (the monolith never had one).
/// </summary>
internal sealed class ListOrdersHandler(CheckoutDbContext db, OrderViews views) : IRequestHandler<ListOrdersQuery, IReadOnlyList<OrderView>>
{
    public const int MaxOrdersListed = 100;

    public async Task<IReadOnlyList<OrderView>> Handle(ListOrdersQuery request, CancellationToken cancellationToken)
    {
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines)
            .Where(o => o.ShopperId == request.ShopperId && o.Status != OrderStatus.Failed)
            .OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id)
            .Take(MaxOrdersListed)
            .ToListAsync(cancellationToken);
        var result = new List<OrderView>(orders.Count);
        foreach (var order in orders)
        {
            result.Add(await views.ViewAsync(order, cancellationToken));
        }

        return result;
    }
}
