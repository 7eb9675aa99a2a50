using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Domain;
using CloudScale.Checkout.Infrastructure;
using CloudScale.Inventory.Contracts;
using MediatR;

namespace CloudScale.Checkout.Application.Carts;

internal sealed record AddItemCommand(Guid CartId, string? ProductId, int? Quantity) : ICommand<AddItemResult>;

internal sealed class AddItemValidator : IValidator<AddItemCommand>
{
    public void Validate(AddItemCommand request, FieldErrors errors)
    {
        Ids.ParseField(request.ProductId, "productId", errors);
        errors.Check(request.Quantity is >= 1 and <= Cart.MaxQuantity, "quantity",
            $"quantity must be 1..{Cart.MaxQuantity}, got {request.Quantity?.ToString() ?? "nothing"}");
    }
}

/// <summary>
/// Adds units whatever the stock: a cart is a wish list until checkout. Whether the stock covers the line is
/// reported (<c>available</c>/<c>unavailableReason</c>), as the monolith does.
/// </summary>
internal sealed class AddItemHandler(CheckoutDbContext db, ICatalog catalog, IInventoryModule inventory, TimeProvider clock)
    : IRequestHandler<AddItemCommand, AddItemResult>
{
    public async Task<AddItemResult> Handle(AddItemCommand request, CancellationToken cancellationToken)
    {
        var productId = Guid.Parse(request.ProductId!);
        var cart = await db.LockCartAsync(request.CartId, cancellationToken);
        cart.EnsureCanChange(clock.GetUtcNow());
        var product = await catalog.FindAsync(productId, cancellationToken)
                      ?? throw ApiException.NotFound(CheckoutProblems.ProductNotFound, $"No product with id '{productId}'.");

        var now = clock.GetUtcNow();
        var newQuantity = cart.Add(product, request.Quantity!.Value, now);
        var available = await AvailableAsync(productId, cancellationToken);
        var reason = available >= newQuantity ? null
            : available == 0 ? "out of stock"
            : $"only {available} in stock";
        return new AddItemResult(Views.Stored(cart).AsOf(now), reason is null, reason);
    }

    /// <summary>A product Inventory does not stock is simply out of stock.</summary>
    private async Task<int> AvailableAsync(Guid productId, CancellationToken cancellationToken)
    {
        try
        {
            return Math.Max(0, (await inventory.GetAvailabilityAsync(productId, cancellationToken)).Available);
        }
        catch (ApiException ex) when (ex.Status == 404)
        {
            return 0;
        }
    }
}
