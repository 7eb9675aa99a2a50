using System.Collections.Concurrent;
using System.Collections.Frozen;
using CloudScale.BuildingBlocks.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace CloudScale.BuildingBlocks.Control;

/// <summary>
/// Evaluates route flags through Microsoft Feature Management's variant allocation (targeting by shopper id and the
/// shopper's groups). The proxy asks on every request, so everything that does not depend on the shopper — which
/// flags exist, who is in which group — is indexed once per configuration reload; a request costs a dictionary
/// lookup plus the library's evaluation. Whatever goes wrong answers legacy, the side that always works, and is
/// logged once per kind rather than once per request.
/// </summary>
internal sealed class RouteDecider : IRouteDecider, IDisposable
{
    private static readonly FrozenDictionary<string, string> FlagByCapability =
        Capabilities.All.ToFrozenDictionary(c => c, Capabilities.FlagName, StringComparer.OrdinalIgnoreCase);

    private readonly IVariantFeatureManager features;
    private readonly IConfiguration configuration;
    private readonly ILogger<RouteDecider> logger;
    private readonly IDisposable reloadSubscription;
    private readonly ConcurrentDictionary<string, byte> reported = new(StringComparer.Ordinal);
    private volatile Index index;

    public RouteDecider(IVariantFeatureManager features, IConfiguration configuration, ILogger<RouteDecider> logger)
    {
        this.features = features;
        this.configuration = configuration;
        this.logger = logger;
        index = BuildIndex(configuration);
        reloadSubscription = ChangeToken.OnChange(configuration.GetReloadToken, () => index = BuildIndex(this.configuration));
    }

    public async ValueTask<string> DecideAsync(string capability, string shopperId, CancellationToken cancellationToken)
    {
        if (!FlagByCapability.TryGetValue(capability ?? "", out var flagName))
        {
            ReportOnce("unknown_capability:" + capability, null, "Unknown capability '{Capability}' routed to legacy.", capability);
            return RouteVariants.Legacy;
        }

        var current = index;
        if (!current.Flags.Contains(flagName) || !ShopperId.IsValid(shopperId))
        {
            return RouteVariants.Legacy;
        }

        try
        {
            var context = new TargetingContext
            {
                UserId = shopperId,
                Groups = current.GroupsByShopper.TryGetValue(shopperId, out var groups) ? groups : [],
            };
            var variant = await features.GetVariantAsync(flagName, context, cancellationToken);
            return variant?.Name == RouteVariants.Modular ? RouteVariants.Modular : RouteVariants.Legacy;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            ReportOnce("evaluation:" + flagName + ":" + exception.GetType().FullName, exception,
                "Evaluating flag {Flag} failed; routing to legacy until it is fixed (logged once per failure kind).", flagName);
            return RouteVariants.Legacy;
        }
    }

    public void Dispose() => reloadSubscription.Dispose();

    private static Index BuildIndex(IConfiguration configuration)
    {
        var flags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var flag in configuration.GetSection("feature_management:feature_flags").GetChildren())
        {
            if (flag["id"] is { Length: > 0 } id)
            {
                flags.Add(id);
            }
        }

        var groupsByShopper = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var group in configuration.GetSection("control:groups").GetChildren())
        {
            foreach (var member in group.GetChildren())
            {
                if (member.Value is { Length: > 0 } shopper)
                {
                    if (!groupsByShopper.TryGetValue(shopper, out var list))
                    {
                        groupsByShopper[shopper] = list = [];
                    }

                    list.Add(group.Key);
                }
            }
        }

        return new Index(
            flags.ToFrozenSet(StringComparer.Ordinal),
            groupsByShopper.ToFrozenDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }

    private void ReportOnce(string kind, Exception? exception, string message, params object?[] arguments)
    {
        if (reported.TryAdd(kind, 0))
        {
#pragma warning disable CA2254 // The templates are the constants above; the kind only decides whether to log.
            logger.LogWarning(exception, message, arguments);
#pragma warning restore CA2254
        }
    }

    private sealed record Index(FrozenSet<string> Flags, FrozenDictionary<string, string[]> GroupsByShopper);
}
