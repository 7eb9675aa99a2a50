using Microsoft.Extensions.Configuration;

namespace CloudScale.Checkout.Application;

/// <summary>Settings of section <c>Checkout</c>, checked when the module is added (errors name the setting).</summary>
internal sealed class CheckoutOptions
{
    public const string Section = "Checkout";

    /// <summary><c>Checkout:Redis</c>, <c>host:port</c>; empty means no cart cache.</summary>
    public string? Redis { get; init; }

    /// <summary><c>Checkout:Catalog:BaseAddress</c>: the legacy catalog API, e.g. <c>http://localhost:8081</c>.</summary>
    public required Uri CatalogBaseAddress { get; init; }

    /// <summary><c>Checkout:Catalog:CacheFor</c>: how long a product read from the catalog is reused (default 30 s).</summary>
    public TimeSpan CatalogCacheFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>Checkout:SagaRecoveryInterval</c>: how often the recovery job looks for stuck sagas (default 10 s).</summary>
    public TimeSpan SagaRecoveryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>Checkout:SagaStaleAfter</c>: how long a saga may sit unchanged before recovery takes it (default 30 s).</summary>
    public TimeSpan SagaStaleAfter { get; init; } = TimeSpan.FromSeconds(30);

    public static CheckoutOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var problems = new List<string>();
        var baseAddress = section["Catalog:BaseAddress"];
        Uri? catalog = null;
        if (!Uri.TryCreate(baseAddress, UriKind.Absolute, out catalog) || catalog.Scheme is not ("http" or "https"))
        {
            problems.Add($"Checkout:Catalog:BaseAddress must be an absolute http(s) URL of the legacy catalog API (e.g. http://localhost:8081), got '{baseAddress}'");
        }

        var redis = section["Redis"];
        if (!string.IsNullOrWhiteSpace(redis) && (redis.LastIndexOf(':') is var colon && (colon <= 0 || !int.TryParse(redis[(colon + 1)..], out _))))
        {
            problems.Add($"Checkout:Redis must be host:port (or empty for no cart cache), got '{redis}'");
        }

        var options = new CheckoutOptions
        {
            Redis = string.IsNullOrWhiteSpace(redis) ? null : redis.Trim(),
            CatalogBaseAddress = catalog ?? new Uri("http://invalid/"),
            CatalogCacheFor = Duration(section, "Catalog:CacheFor", TimeSpan.FromSeconds(30), allowZero: true, problems),
            SagaRecoveryInterval = Duration(section, "SagaRecoveryInterval", TimeSpan.FromSeconds(10), allowZero: false, problems),
            SagaStaleAfter = Duration(section, "SagaStaleAfter", TimeSpan.FromSeconds(30), allowZero: true, problems),
        };
        return problems.Count == 0
            ? options
            : throw new InvalidOperationException("Invalid Checkout settings: " + string.Join("; ", problems));
    }

    private static TimeSpan Duration(IConfigurationSection section, string key, TimeSpan fallback, bool allowZero, List<string> problems)
    {
        var raw = section[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (TimeSpan.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var value) && (value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero)))
        {
            return value;
        }

        problems.Add($"Checkout:{key} must be a {(allowZero ? "non-negative" : "positive")} duration like 00:00:30, got '{raw}'");
        return fallback;
    }
}
