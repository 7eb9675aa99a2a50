using System.Security.Cryptography;

namespace CloudScale.BuildingBlocks.Http;

/// <summary>
/// Shopper identity as it travels between proxy and services: the <c>X-Shopper-Id</c> header, or the
/// <c>cs_shopper</c> cookie the proxy issues to anonymous shoppers.
/// </summary>
public static class ShopperId
{
    /// <summary>Header the proxy forwards the shopper id in.</summary>
    public const string HeaderName = "X-Shopper-Id";

    /// <summary>Cookie the proxy issues so anonymous shoppers keep one identity (and one routing bucket).</summary>
    public const string CookieName = "cs_shopper";

    /// <summary>Longest id accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>1..64 characters of letters, digits, '-' and '_'.</summary>
    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "1..64 characters of letters, digits, '-' and '_'";

    /// <summary>A new random shopper id (128 bits), e.g. <c>shp_3f2a…</c>.</summary>
    public static string New() => "shp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
