using System.Security.Cryptography;
using System.Text;
using CloudScale.BuildingBlocks.Http;

namespace CloudScale.Proxy.ControlPlane;

/// <summary>
/// Lets an admin request through only with <c>Authorization: Bearer &lt;ControlPlane:AdminToken&gt;</c>. Without a
/// configured token the admin API is off rather than open: a proxy deployed without its secret must not hand routing
/// to anyone who can reach it. Tokens are compared as SHA-256 digests in fixed time, so neither timing nor length
/// tells a caller how close a guess was.
/// </summary>
internal sealed class AdminTokenFilter(IConfiguration configuration) : IEndpointFilter
{
    public const string TokenKey = "ControlPlane:AdminToken";

    private const string Scheme = "Bearer ";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // Read per request: a rotated secret applies without restarting the proxy.
        var expected = configuration[TokenKey];
        if (string.IsNullOrWhiteSpace(expected))
        {
            return Reject(http, $"The admin API is disabled: {TokenKey} is not configured on this proxy.");
        }

        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Reject(http, "Send the admin token as 'Authorization: Bearer <token>'.");
        }

        var presented = header[Scheme.Length..].Trim();
        var matches = CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
        return matches ? next(context) : Reject(http, "The admin token is not valid.");
    }

    private static ValueTask<object?> Reject(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        var problem = ApiProblem.Create(http, StatusCodes.Status401Unauthorized, ProxyProblemCodes.Unauthorized, detail);
        return ValueTask.FromResult<object?>(TypedResults.Problem(problem));
    }
}
