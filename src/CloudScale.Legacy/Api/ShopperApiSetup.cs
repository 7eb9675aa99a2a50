using CloudScale.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http.Json;

namespace CloudScale.Legacy.Api;

internal static class ShopperApiSetup
{
    public static void AddShopperApi(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ShopperApiJsonContext.Default));
        // Let body-binding failures surface as exceptions, so the error middleware turns them into problem details.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
    }

    /// <summary>The shopper id a request speaks for: the body's, else the <c>X-Shopper-Id</c> header's, else none.</summary>
    public static string? ResolveShopperId(HttpContext context, string? fromBody, FieldErrors errors, string field = "shopperId")
    {
        var candidate = string.IsNullOrEmpty(fromBody) ? context.Request.Headers[ShopperId.HeaderName].ToString() : fromBody;
        if (string.IsNullOrEmpty(candidate))
        {
            return null;
        }

        errors.Check(ShopperId.IsValid(candidate), field, $"{field} must be {ShopperId.Rule}");
        return candidate;
    }
}
