using CloudScale.BuildingBlocks.Http;

namespace CloudScale.Proxy.Shoppers;

/// <summary>
/// Gives every proxied request exactly one shopper id in <c>X-Shopper-Id</c>: the caller's header if valid, else the
/// <c>cs_shopper</c> cookie, else a new id issued as that cookie. Without the cookie every anonymous shopper would
/// share one routing bucket, and a shopper's cart would not follow them between requests.
/// </summary>
internal sealed class ShopperIdentityMiddleware(RequestDelegate next)
{
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.TryGetValue(ShopperId.HeaderName, out var header))
        {
            // A caller that names a shopper must name a valid one; silently replacing it would hide their bug.
            return header.Count == 1 && ShopperId.IsValid(header[0])
                ? next(context)
                : ApiProblem.WriteAsync(context, StatusCodes.Status400BadRequest, ProxyProblemCodes.InvalidShopperId,
                    $"The {ShopperId.HeaderName} header must be sent once, as {ShopperId.Rule}; omit it to be identified by the {ShopperId.CookieName} cookie.");
        }

        var cookie = request.Cookies[ShopperId.CookieName];
        if (ShopperId.IsValid(cookie))
        {
            request.Headers[ShopperId.HeaderName] = cookie;
            return next(context);
        }

        var issued = ShopperId.New();
        request.Headers[ShopperId.HeaderName] = issued;
        // Appended when the response starts: the forwarder may clear headers on failure, and the shopper must
        // keep the id even then.
        context.Response.OnStarting(() =>
        {
            context.Response.Cookies.Append(ShopperId.CookieName, issued, new CookieOptions
            {
                Path = "/",
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = request.IsHttps,
                MaxAge = CookieLifetime,
                IsEssential = true,
            });
            return Task.CompletedTask;
        });
        return next(context);
    }
}
