using System.Data.Common;
using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Proxy.Metrics;
using Npgsql;

namespace CloudScale.Proxy.ControlPlane;

/// <summary>
/// The admin API the migration CLI talks to, under <c>/_cloudscale/</c>: route percentages, rollback, per-shopper
/// and per-group overrides, group membership, the audit, and a status view with this proxy's live traffic per
/// variant. Every endpoint sits behind <see cref="AdminTokenFilter"/>; every change goes through
/// <see cref="IControlPlaneStore"/> (one audited, NOTIFYing transaction) and answers <c>{before, after, auditId}</c>.
/// These are endpoints ahead of the proxy routes, so nothing under the prefix is ever forwarded to a backend.
/// </summary>
internal static class AdminEndpoints
{
    public const string Prefix = "/_cloudscale";

    public const int DefaultAuditLimit = 50;

    /// <summary>Same bound as the store's; checked here so a bad query string is a 400 before any database work.</summary>
    public const int MaxAuditLimit = 1000;

    /// <summary>
    /// Maps the admin API and returns its group, so further admin endpoints (the stock cutover) are added to it and
    /// get the same token check and error handling.
    /// </summary>
    public static RouteGroupBuilder MapAdminApi(this WebApplication app)
    {
        var admin = app.MapGroup(Prefix)
            .AddEndpointFilter<AdminTokenFilter>()
            .AddEndpointFilter(ControlDatabaseUnavailable);

        admin.MapGet("/status", StatusAsync);
        admin.MapGet("/audit", AuditAsync);

        admin.MapPut("/routes/{capability}", SetPercentAsync);
        admin.MapPost("/routes/{capability}/rollback", RollbackAsync);
        admin.MapPut("/routes/{capability}/shoppers/{shopperId}", (string capability, string shopperId, HttpRequest request, IControlPlaneStore store, LocalFlags local, CancellationToken cancel) =>
            SetShopperOverrideAsync(capability, shopperId, remove: false, request, store, local, cancel));
        admin.MapDelete("/routes/{capability}/shoppers/{shopperId}", (string capability, string shopperId, HttpRequest request, IControlPlaneStore store, LocalFlags local, CancellationToken cancel) =>
            SetShopperOverrideAsync(capability, shopperId, remove: true, request, store, local, cancel));
        admin.MapPut("/routes/{capability}/groups/{group}", (string capability, string group, HttpRequest request, IControlPlaneStore store, LocalFlags local, CancellationToken cancel) =>
            SetGroupOverrideAsync(capability, group, remove: false, request, store, local, cancel));
        admin.MapDelete("/routes/{capability}/groups/{group}", (string capability, string group, HttpRequest request, IControlPlaneStore store, LocalFlags local, CancellationToken cancel) =>
            SetGroupOverrideAsync(capability, group, remove: true, request, store, local, cancel));

        admin.MapPut("/groups/{group}/members/{shopperId}", (string group, string shopperId, HttpRequest request, IControlPlaneStore store, CancellationToken cancel) =>
            SetGroupMemberAsync(group, shopperId, member: true, request, store, cancel));
        admin.MapDelete("/groups/{group}/members/{shopperId}", (string group, string shopperId, HttpRequest request, IControlPlaneStore store, CancellationToken cancel) =>
            SetGroupMemberAsync(group, shopperId, member: false, request, store, cancel));

        admin.MapPost("/owners/stock/cutover", CutoverAsync);

        // Unknown admin paths end here (after the token check), never at the legacy fallback route.
        admin.Map("/{**rest}", (HttpContext context) =>
            throw ApiException.NotFound(ProblemCodes.NotFound, $"No admin endpoint at '{context.Request.Path}'."));
        return admin;
    }

    private static async Task<IResult> StatusAsync(
        IControlPlaneStore store, RouteMetrics metrics, ControlDatabase control, IConfiguration configuration, CancellationToken cancel)
    {
        var routes = (await store.GetRoutesAsync(cancel))
            .Select(flag => new RouteStatus(
                flag.Capability, Capabilities.FlagName(flag.Capability), flag.ModularPercent, flag.Shoppers, flag.Groups,
                flag.Version, flag.UpdatedAt, flag.UpdatedBy,
                new RouteTraffic(
                    metrics.Snapshot(flag.Capability, RouteVariants.Legacy),
                    metrics.Snapshot(flag.Capability, RouteVariants.Modular))))
            .ToList();
        var owners = new[] { await control.ReadStockOwnerAsync(cancel) };
        // All three modules run inside the modular host today; no extracted service exists yet. When one is
        // extracted, its mode comes from where its capability is deployed, not from this list.
        var modules = Capabilities.All.Select(module => new ModuleStatus(module, "inprocess")).ToList();
        return TypedResults.Json(new ControlPlaneStatus(routes, owners, modules, configuration.GetControlPlaneFlagsStatus()), AdminJsonContext.Default.ControlPlaneStatus);
    }

    private static async Task<IResult> AuditAsync(string? limit, IControlPlaneStore store, CancellationToken cancel)
    {
        var count = DefaultAuditLimit;
        if (limit is not null && (!int.TryParse(limit, out count) || count is < 1 or > MaxAuditLimit))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, ControlPlaneErrors.InvalidLimit,
                $"limit must be a whole number 1..{MaxAuditLimit}, got '{limit}'.");
        }

        var entries = await store.GetAuditAsync(count, cancel);
        return TypedResults.Json(entries.Select(AuditView.Of).ToList(), AdminJsonContext.Default.IReadOnlyListAuditView);
    }

    private static async Task<IResult> SetPercentAsync(
        string capability, HttpRequest request, IControlPlaneStore store, LocalFlags local, CancellationToken cancel)
    {
        var body = (await AdminRequest.BodyAsync(request, AdminJsonContext.Default.RoutePercentBody, required: true, cancel))!;
        if (body.Percent is not { } percent)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, ControlPlaneErrors.InvalidPercentage,
                "percent is required: the share of shoppers sent to modular, 0..100 with at most 2 decimals.");
        }

        var change = await store.SetRoutePercentAsync(capability, percent, AdminRequest.Actor(request, body.Reason), cancel);
        await local.WaitForAsync(change, cancel);
        return Changed(change, note: null);
    }

    private static async Task<IResult> RollbackAsync(
        string capability, HttpRequest request, IControlPlaneStore store, LocalFlags local, CancellationToken cancel)
    {
        var body = (await AdminRequest.BodyAsync(request, AdminJsonContext.Default.ReasonBody, required: true, cancel))!;
        var change = await store.SetRoutePercentAsync(capability, 0, AdminRequest.Actor(request, body.Reason), cancel);
        await local.WaitForAsync(change, cancel);
        var after = change.After;
        var note = after.Shoppers.Count + after.Groups.Count == 0
            ? $"{after.Capability} is at 0%: every shopper goes to legacy."
            : $"{after.Capability} is at 0%, but overrides were kept and still apply: {after.Shoppers.Count} shopper and " +
              $"{after.Groups.Count} group override(s). Remove them with DELETE .../shoppers/{{id}} or .../groups/{{group}}.";
        return Changed(change, note);
    }

    private static async Task<IResult> SetShopperOverrideAsync(
        string capability, string shopperId, bool remove, HttpRequest request, IControlPlaneStore store, LocalFlags local, CancellationToken cancel)
    {
        var (variant, actor) = await OverrideAsync(request, remove, cancel);
        var change = await store.SetShopperOverrideAsync(capability, shopperId, variant, actor, cancel);
        await local.WaitForAsync(change, cancel);
        return Changed(change, note: null);
    }

    private static async Task<IResult> SetGroupOverrideAsync(
        string capability, string group, bool remove, HttpRequest request, IControlPlaneStore store, LocalFlags local, CancellationToken cancel)
    {
        var (variant, actor) = await OverrideAsync(request, remove, cancel);
        var change = await store.SetGroupOverrideAsync(capability, group, variant, actor, cancel);
        await local.WaitForAsync(change, cancel);
        return Changed(change, note: null);
    }

    private static async Task<IResult> SetGroupMemberAsync(
        string group, string shopperId, bool member, HttpRequest request, IControlPlaneStore store, CancellationToken cancel)
    {
        // Adding needs a body like every change; removing may come without one.
        var body = await AdminRequest.BodyAsync(request, AdminJsonContext.Default.ReasonBody, required: member, cancel);
        await store.SetGroupMemberAsync(group, shopperId, member, AdminRequest.Actor(request, body?.Reason), cancel);
        return TypedResults.Json(new GroupMemberChange(group, shopperId, member), AdminJsonContext.Default.GroupMemberChange);
    }

    /// <summary>Moves stock ownership (body <c>{to: "inventory"|"legacy", reason}</c>); answers the cutover's report.</summary>
    private static async Task<IResult> CutoverAsync(HttpRequest request, StockCutover cutover, CancellationToken cancel)
    {
        var body = (await AdminRequest.BodyAsync(request, AdminJsonContext.Default.CutoverBody, required: true, cancel))!;
        if (!StockOwnership.TryParse(body.To, out var to))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, StockCutover.InvalidOwnerCode,
                $"to must be '{StockOwnership.ToWire(StockOwner.Inventory)}' or '{StockOwnership.ToWire(StockOwner.Legacy)}', got '{body.To}'.");
        }

        // The copy must not stop half-way because the caller went away: it is one transaction, but let it decide.
        var report = await cutover.RunAsync(to, AdminRequest.Actor(request, body.Reason), CancellationToken.None);
        return TypedResults.Json(report, AdminJsonContext.Default.StockCutoverReport);
    }

    /// <summary>PUT sets the variant its body names (required, validated here so a missing one never means "remove"); DELETE removes.</summary>
    private static async Task<(string? Variant, ChangeActor Actor)> OverrideAsync(HttpRequest request, bool remove, CancellationToken cancel)
    {
        var body = await AdminRequest.BodyAsync(request, AdminJsonContext.Default.RouteVariantBody, required: !remove, cancel);
        if (remove)
        {
            return (null, AdminRequest.Actor(request, body?.Reason));
        }

        if (!RouteVariants.IsValid(body!.Variant))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, ControlPlaneErrors.InvalidVariant,
                $"variant must be '{RouteVariants.Legacy}' or '{RouteVariants.Modular}', got '{body.Variant}'.");
        }

        return (body.Variant, AdminRequest.Actor(request, body.Reason));
    }

    private static IResult Changed(ChangeResult<RouteFlag> change, string? note) =>
        TypedResults.Json(
            new RouteChange(RouteView.Of(change.Before), RouteView.Of(change.After), change.AuditId, note),
            AdminJsonContext.Default.RouteChange);

    /// <summary>The control database being down is not the caller's fault, and not a bug either: 503, try again.</summary>
    private static async ValueTask<object?> ControlDatabaseUnavailable(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // Resolving the data source first answers 503 at once when no control database is configured.
        _ = context.HttpContext.RequestServices.GetRequiredService<ControlDatabase>().DataSource;
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (ex is DbException or NpgsqlException or TimeoutException)
        {
            context.HttpContext.RequestServices.GetRequiredService<ILogger<ControlDatabase>>()
                .LogWarning(ex, "Admin request {Path} failed: the control database is unavailable.", context.HttpContext.Request.Path);
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, ProxyProblemCodes.ControlPlaneUnavailable,
                "The control plane database is unavailable; nothing was changed. Try again shortly.");
        }
    }
}
