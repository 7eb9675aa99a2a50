using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudScale.BuildingBlocks.ShopperApi;

/// <summary>Source-generated JSON for every shopper API shape (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProductPageDto))]
[JsonSerializable(typeof(StockLevelDto))]
[JsonSerializable(typeof(CreateCartRequest))]
[JsonSerializable(typeof(CartCreatedDto))]
[JsonSerializable(typeof(CartDto))]
[JsonSerializable(typeof(AddCartItemRequest))]
[JsonSerializable(typeof(AddCartItemResultDto))]
[JsonSerializable(typeof(RegisterPaymentMethodRequest))]
[JsonSerializable(typeof(PaymentMethodDto))]
[JsonSerializable(typeof(StartCheckoutRequest))]
[JsonSerializable(typeof(CheckoutStartedDto))]
[JsonSerializable(typeof(CheckoutCompletedDto))]
[JsonSerializable(typeof(OrderDto))]
[JsonSerializable(typeof(OrderListDto))]
[JsonSerializable(typeof(RefundResultDto))]
[JsonSerializable(typeof(List<LineItemDto>))]
public sealed partial class ShopperApiJsonContext : JsonSerializerContext;

/// <summary>Options for JSON the app stores itself (snapshots, replayable answers): web casing, generated types first.</summary>
public static class ShopperApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Problem details carry open-ended extensions, which only the reflection resolver can write.
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            ShopperApiJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };
}
