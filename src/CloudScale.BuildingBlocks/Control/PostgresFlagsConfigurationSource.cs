using Microsoft.Extensions.Configuration;

namespace CloudScale.BuildingBlocks.Control;

/// <summary>
/// Serves the control plane's flags and shopper groups from PostgreSQL as configuration, so Microsoft Feature
/// Management reads them like any <c>feature_management</c> section and every instance reloads on change without a
/// restart. See <see cref="PostgresFlagsConfigurationProvider"/> for the keys and the reload rules.
/// </summary>
public sealed class PostgresFlagsConfigurationSource : IConfigurationSource
{
    /// <summary>Default for <see cref="PollInterval"/>: the safety net when a NOTIFY is missed or a row is edited by hand.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>Connection string of the database holding schema <c>control</c>.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>How often the data is re-read even without a NOTIFY (<c>ControlPlane:PollInterval</c>).</summary>
    public TimeSpan PollInterval { get; init; } = DefaultPollInterval;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new PostgresFlagsConfigurationProvider(this);
}

/// <summary>Registration of <see cref="PostgresFlagsConfigurationSource"/> on a configuration builder.</summary>
public static class PostgresFlagsConfigurationExtensions
{
    /// <summary>Configuration key of the poll interval (a <see cref="TimeSpan"/>, default 00:00:05).</summary>
    public const string PollIntervalKey = "ControlPlane:PollInterval";

    /// <summary>
    /// Adds the control plane's flags (<c>feature_management:feature_flags:…</c>) and groups
    /// (<c>control:groups:&lt;group&gt;:&lt;i&gt;</c>) read from <paramref name="connectionString"/>. Loads once at once
    /// (a database that is down yields no flags, i.e. everyone legacy) and then follows changes in the background.
    /// </summary>
    public static IConfigurationBuilder AddControlPlaneFlags(this IConfigurationBuilder builder, string connectionString, TimeSpan? pollInterval = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.Add(new PostgresFlagsConfigurationSource
        {
            ConnectionString = connectionString,
            PollInterval = pollInterval is { } interval && interval > TimeSpan.Zero ? interval : PostgresFlagsConfigurationSource.DefaultPollInterval,
        });
    }

    /// <summary>What the control-plane flags provider of <paramref name="configuration"/> last did; null when it has none.</summary>
    public static ControlPlaneFlagsStatus? GetControlPlaneFlagsStatus(this IConfiguration configuration) =>
        (configuration as IConfigurationRoot)?.Providers.OfType<PostgresFlagsConfigurationProvider>().FirstOrDefault()?.Status;
}

/// <summary>
/// What a flags provider last loaded and whether it is connected, for status views and for tests that wait for a
/// change to arrive.
/// </summary>
/// <param name="LoadCount">Successful loads so far (with or without a change).</param>
/// <param name="ChangeCount">Loads that changed the data and raised a configuration reload.</param>
/// <param name="MaxVersion">Highest <c>control.feature_flags.version</c> in the data served; 0 with no flags.</param>
/// <param name="FlagVersions">Version of each flag served, by flag id (which version every instance runs).</param>
/// <param name="Listening">True while the LISTEN connection is up.</param>
public sealed record ControlPlaneFlagsStatus(
    long LoadCount,
    long ChangeCount,
    int FlagCount,
    long MaxVersion,
    IReadOnlyDictionary<string, long> FlagVersions,
    DateTimeOffset? LoadedAt,
    bool Listening,
    string? LastError,
    DateTimeOffset? LastErrorAt);
