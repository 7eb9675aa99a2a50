using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Checkout.Contracts;

namespace CloudScale.Host.ShopperApi;

internal static class CartEndpoints
{
    public const string CartNotFound = "cart_not_found";
    public const string CartItemNotFound = "cart_item_not_found";

    public static void MapCartEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/carts", async (CreateCartRequest? body, HttpContext http, ICheckoutModule checkout, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var shopperId = ShopperApiSetup.ResolveShopperId(http, body?.ShopperId, errors);
            errors.ThrowIfAny();
            var created = await checkout.CreateCartAsync(shopperId, ct);
            return Results.Created($"/api/v1/carts/{created.CartId}", new CartCreatedDto(created.CartId, created.ExpiresAt));
        });
        api.MapGet("/carts/{cartId}", async (string cartId, ICheckoutModule checkout, CancellationToken ct) =>
            (await checkout.GetCartAsync(ParseCartId(cartId), ct)).ToDto());
        api.MapPost("/carts/{cartId}/items", async (string cartId, AddCartItemRequest? body, ICheckoutModule checkout, CancellationToken ct) =>
        {
            var id = ParseCartId(cartId);
            var item = RequestBody.Required(body, "{productId, quantity}");
            var added = await checkout.AddItemAsync(id, item.ProductId, item.Quantity, ct);
            return new AddCartItemResultDto(added.Cart.ToDto(), added.Available, added.UnavailableReason);
        });
        api.MapDelete("/carts/{cartId}/items/{productId}", async (string cartId, string productId, ICheckoutModule checkout, CancellationToken ct) =>
            (await checkout.RemoveItemAsync(ParseCartId(cartId), Ids.ParseRoute(productId, CartItemNotFound, "cart item"), ct)).ToDto());
    }

    private static Guid ParseCartId(string raw) => Ids.ParseRoute(raw, CartNotFound, "cart");
}
