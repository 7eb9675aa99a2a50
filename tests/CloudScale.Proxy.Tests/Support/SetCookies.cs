using Microsoft.Net.Http.Headers;

namespace CloudScale.Proxy.Tests.Support;

internal static class SetCookies
{
    public static IReadOnlyList<SetCookieHeaderValue> Of(HttpResponseMessage response) =>
        response.Headers.TryGetValues(HeaderNames.SetCookie, out var values)
            ? SetCookieHeaderValue.ParseList(values.ToList()).ToList()
            : [];

    public static SetCookieHeaderValue? Named(HttpResponseMessage response, string name) =>
        Of(response).SingleOrDefault(c => c.Name.Equals(name, StringComparison.Ordinal));
}
