using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace CloudScale.BuildingBlocks.Control;

/// <summary>
/// Flattens <c>control.feature_flags</c> into <c>feature_management:feature_flags:&lt;i&gt;:…</c> (the layout
/// Microsoft Feature Management's configuration reader expects) and <c>control.group_members</c> into
/// <c>control:groups:&lt;group&gt;:&lt;i&gt;</c> = shopper id. A background loop holds one dedicated connection that
/// LISTENs on <see cref="ControlPlaneSchema.NotifyChannel"/> and re-reads at each NOTIFY, and at least every poll
/// interval (catching changes written without NOTIFY); only a load that changed something raises a reload. The
/// provider never throws: a database that is down or not yet created serves what was last loaded (nothing at start,
/// which routes everyone to legacy) and the loop reconnects with backoff.
/// </summary>
public sealed class PostgresFlagsConfigurationProvider : ConfigurationProvider, IDisposable
{
    private const string FlagsPrefix = "feature_management:feature_flags:";
    private const string GroupsPrefix = "control:groups:";

    private const string LoadSql = """
        SELECT flag_id, definition::text, version FROM control.feature_flags ORDER BY flag_id;
        SELECT group_name, shopper_id FROM control.group_members ORDER BY group_name, shopper_id;
        """;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly PostgresFlagsConfigurationSource source;
    private readonly string connectionString;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private Task? loop;
    private ControlPlaneFlagsStatus status = new(0, 0, 0, 0, new Dictionary<string, long>(), null, false, null, null);

    public PostgresFlagsConfigurationProvider(PostgresFlagsConfigurationSource source)
    {
        this.source = source;

        // Own physical connections: the listener must not go back to a pool with LISTEN state, and a start against a
        // database that is down must fail in seconds, not after the default 15 s timeout.
        connectionString = new NpgsqlConnectionStringBuilder(source.ConnectionString)
        {
            Pooling = false,
            Timeout = 5,
            CommandTimeout = 10,
            KeepAlive = 10,
        }.ConnectionString;
    }

    /// <summary>What the provider last did (see <see cref="ControlPlaneFlagsStatus"/>).</summary>
    public ControlPlaneFlagsStatus Status
    {
        get
        {
            lock (gate)
            {
                return status;
            }
        }
    }

    /// <summary>
    /// Called by the configuration root when it is built (and on an explicit reload): reads the data once, then leaves
    /// the following to the background loop, started here the first time.
    /// </summary>
    public override void Load()
    {
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            Apply(Read(connection), raiseReload: false);
        }
        catch (Exception exception)
        {
            // A configuration provider that throws takes the whole host down; no flags means everyone is legacy.
            RecordError(exception);
        }

        lock (gate)
        {
            if (loop is null && !stopping.IsCancellationRequested)
            {
                loop = Task.Run(() => FollowAsync(stopping.Token));
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            stopping.Cancel();
        }

        try
        {
            loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation; anything else was already recorded in Status.
        }
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var backoff = FirstBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {ControlPlaneSchema.NotifyChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                UpdateStatus(current => current with { Listening = true });

                // Whatever changed while no one was listening is read now; after that each NOTIFY (or a quiet poll
                // interval) triggers the next read. Notifications that arrive during a read are still queued.
                while (true)
                {
                    Apply(await ReadAsync(connection, cancellationToken), raiseReload: true);
                    backoff = FirstBackoff;
                    await connection.WaitAsync(source.PollInterval, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                RecordError(exception);
            }

            UpdateStatus(current => current with { Listening = false });
            try
            {
                await Task.Delay(backoff, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private static Snapshot Read(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(LoadSql, connection);
        using var reader = command.ExecuteReader();
        var flags = new List<(string Id, string Definition, long Version)>();
        while (reader.Read())
        {
            flags.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        reader.NextResult();
        var members = new List<(string Group, string Shopper)>();
        while (reader.Read())
        {
            members.Add((reader.GetString(0), reader.GetString(1)));
        }

        return Flatten(flags, members);
    }

    private static async Task<Snapshot> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LoadSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var flags = new List<(string Id, string Definition, long Version)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            flags.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        await reader.NextResultAsync(cancellationToken);
        var members = new List<(string Group, string Shopper)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add((reader.GetString(0), reader.GetString(1)));
        }

        return Flatten(flags, members);
    }

    private static Snapshot Flatten(List<(string Id, string Definition, long Version)> flags, List<(string Group, string Shopper)> members)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < flags.Count; i++)
        {
            var (id, definition, version) = flags[i];
            var prefix = FlagsPrefix + i.ToString(CultureInfo.InvariantCulture);
            using (var document = JsonDocument.Parse(definition))
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    FlattenElement(document.RootElement, prefix, data);
                }
            }

            // The row key is the flag's identity; a hand-edited "id" inside the JSON must not rename it.
            data[prefix + ":id"] = id;
            versions[id] = version;
        }

        var index = 0;
        string? group = null;
        foreach (var (name, shopper) in members)
        {
            index = name == group ? index + 1 : 0;
            group = name;
            data[GroupsPrefix + name + ":" + index.ToString(CultureInfo.InvariantCulture)] = shopper;
        }

        return new Snapshot(data, versions);
    }

    private static void FlattenElement(JsonElement element, string path, Dictionary<string, string?> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    FlattenElement(property.Value, path + ":" + property.Name, into);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    FlattenElement(item, path + ":" + (i++).ToString(CultureInfo.InvariantCulture), into);
                }

                break;
            case JsonValueKind.String:
                into[path] = element.GetString();
                break;
            case JsonValueKind.True:
                into[path] = "true";
                break;
            case JsonValueKind.False:
                into[path] = "false";
                break;
            case JsonValueKind.Number:
                into[path] = element.GetRawText();
                break;
            default:
                into[path] = null;
                break;
        }
    }

    private void Apply(Snapshot snapshot, bool raiseReload)
    {
        bool changed;
        lock (gate)
        {
            changed = !SameData(Data, snapshot.Data);
            if (changed)
            {
                Data = snapshot.Data;
            }

            var current = status;
            status = current with
            {
                LoadCount = current.LoadCount + 1,
                ChangeCount = current.ChangeCount + (changed ? 1 : 0),
                FlagCount = snapshot.Versions.Count,
                MaxVersion = snapshot.Versions.Count == 0 ? 0 : snapshot.Versions.Values.Max(),
                FlagVersions = snapshot.Versions,
                LoadedAt = DateTimeOffset.UtcNow,
            };
        }

        if (changed && raiseReload)
        {
            OnReload();
        }
    }

    private static bool SameData(IDictionary<string, string?> current, Dictionary<string, string?> next)
    {
        if (current.Count != next.Count)
        {
            return false;
        }

        foreach (var (key, value) in next)
        {
            if (!current.TryGetValue(key, out var existing) || !string.Equals(existing, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private void RecordError(Exception exception) =>
        UpdateStatus(current => current with { LastError = $"{exception.GetType().Name}: {exception.Message}", LastErrorAt = DateTimeOffset.UtcNow });

    private void UpdateStatus(Func<ControlPlaneFlagsStatus, ControlPlaneFlagsStatus> change)
    {
        lock (gate)
        {
            status = change(status);
        }
    }

    private sealed record Snapshot(Dictionary<string, string?> Data, IReadOnlyDictionary<string, long> Versions);
}
