using CloudScale.BuildingBlocks.ShopperApi;

namespace CloudScale.Legacy.Carts;

internal static class CartEndpoints
{
    public static void MapCartEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/carts", async (CreateCartRequest? body, HttpContext http, CartService carts, CancellationToken ct) =>
        {
            var created = await carts.CreateAsync(http, body?.ShopperId, ct);
            return Results.Created($"/api/v1/carts/{created.CartId}", created);
        });
        api.MapGet("/carts/{cartId}", (string cartId, CartService carts, CancellationToken ct) =>
            carts.GetAsync(ParseCartId(cartId), ct));
        api.MapPost("/carts/{cartId}/items", (string cartId, AddCartItemRequest? body, CartService carts, CancellationToken ct) =>
            carts.AddItemAsync(ParseCartId(cartId), body, ct));
        api.MapDelete("/carts/{cartId}/items/{productId}", (string cartId, string productId, CartService carts, CancellationToken ct) =>
            carts.RemoveItemAsync(ParseCartId(cartId), Ids.ParseRoute(productId, CartService.CartItemNotFound, "cart item"), ct));
    }

    private static Guid ParseCartId(string raw) => Ids.ParseRoute(raw, CartService.CartNotFound, "cart");
}
