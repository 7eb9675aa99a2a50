using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using CloudScale.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http.Json;

namespace CloudScale.BuildingBlocks.ShopperApi;

public static class ShopperApiSetup
{
    public static void AddShopperApi(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ShopperApiJsonContext.Default));
        // Let body-binding failures surface as exceptions, so the error middleware turns them into problem details.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
    }

    /// <summary>
    /// The shopper id a request speaks for: the <c>X-Shopper-Id</c> header (the proxy always sets it), else the
    /// body's, else none. A body that names a different shopper than the header is refused, not silently preferred.
    /// </summary>
    public static string? ResolveShopperId(HttpContext context, string? fromBody, FieldErrors errors, string field = "shopperId")
    {
        var header = context.Request.Headers[ShopperId.HeaderName].ToString();
        if (header.Length > 0 && !string.IsNullOrEmpty(fromBody) && fromBody != header)
        {
            errors.Add(field, $"{field} in the body ('{fromBody}') must match the {ShopperId.HeaderName} header ('{header}') or be left out");
            return null;
        }

        var candidate = header.Length > 0 ? header : fromBody;
        if (string.IsNullOrEmpty(candidate))
        {
            return null;
        }

        errors.Check(ShopperId.IsValid(candidate), field, $"{field} must be {ShopperId.Rule}");
        return candidate;
    }
}
