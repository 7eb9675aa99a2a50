using System.Data;
using System.Text.Json;
using System.Text.RegularExpressions;
using CloudScale.BuildingBlocks.Http;
using Npgsql;
using NpgsqlTypes;

namespace CloudScale.BuildingBlocks.Control;

/// <summary>
/// <see cref="IControlPlaneStore"/> over schema <c>control</c>. Input is validated before anything is opened, so a bad
/// request changes nothing; a change locks its flag row (or inserts it), rewrites the whole definition, bumps the
/// version, writes the audit row and NOTIFYs, all in one transaction, so readers never see a change without its audit.
/// </summary>
internal sealed partial class ControlPlaneStore(ControlPlaneSchemaGate schema) : IControlPlaneStore
{
    public const int MaxAuditLimit = 1000;

    private const string UniqueViolation = "23505";

    public async Task<IReadOnlyList<RouteFlag>> GetRoutesAsync(CancellationToken cancellationToken)
    {
        var dataSource = await schema.ReadyAsync(cancellationToken);
        await using var command = dataSource.CreateCommand(
            "SELECT flag_id, definition::text, version, updated_at, updated_by FROM control.feature_flags WHERE flag_id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", Capabilities.All.Select(Capabilities.FlagName).ToArray());
        var rows = new Dictionary<string, RouteFlag>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var capability = Capabilities.All.First(c => Capabilities.FlagName(c) == reader.GetString(0));
                rows[capability] = ToRouteFlag(capability, reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4));
            }
        }

        return Capabilities.All.Select(c => rows.TryGetValue(c, out var flag) ? flag : Missing(c)).ToList();
    }

    public async Task<RouteFlag> GetRouteAsync(string capability, CancellationToken cancellationToken)
    {
        var name = RequireCapability(capability);
        var dataSource = await schema.ReadyAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadFlagAsync(connection, null, name, forUpdate: false, cancellationToken) ?? Missing(name);
    }

    public Task<ChangeResult<RouteFlag>> SetRoutePercentAsync(string capability, double modularPercent, ChangeActor actor, CancellationToken cancellationToken)
    {
        var name = RequireCapability(capability);
        var percent = RequirePercent(modularPercent);
        RequireActor(actor);
        return ChangeFlagAsync(name, actor, flag => flag with { ModularPercent = percent }, cancellationToken);
    }

    public Task<ChangeResult<RouteFlag>> SetShopperOverrideAsync(
        string capability, string shopperId, string? variant, ChangeActor actor, CancellationToken cancellationToken)
    {
        var name = RequireCapability(capability);
        if (!ShopperId.IsValid(shopperId))
        {
            throw new ApiException(400, ControlPlaneErrors.InvalidShopperId, $"shopper id must be {ShopperId.Rule}, got '{shopperId}'.");
        }

        RequireVariant(variant);
        RequireActor(actor);
        return ChangeFlagAsync(name, actor, flag => flag with { Shoppers = WithOverride(flag.Shoppers, shopperId, variant) }, cancellationToken);
    }

    public Task<ChangeResult<RouteFlag>> SetGroupOverrideAsync(
        string capability, string group, string? variant, ChangeActor actor, CancellationToken cancellationToken)
    {
        var name = RequireCapability(capability);
        RequireGroup(group);
        RequireVariant(variant);
        RequireActor(actor);
        return ChangeFlagAsync(name, actor, flag => flag with { Groups = WithOverride(flag.Groups, group, variant) }, cancellationToken);
    }

    public async Task SetGroupMemberAsync(string group, string shopperId, bool member, ChangeActor actor, CancellationToken cancellationToken)
    {
        RequireGroup(group);
        if (!ShopperId.IsValid(shopperId))
        {
            throw new ApiException(400, ControlPlaneErrors.InvalidShopperId, $"shopper id must be {ShopperId.Rule}, got '{shopperId}'.");
        }

        RequireActor(actor);
        var dataSource = await schema.ReadyAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        bool wasMember;
        await using (var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM control.group_members WHERE group_name = @group AND shopper_id = @shopper)", connection, transaction))
        {
            command.Parameters.AddWithValue("group", group);
            command.Parameters.AddWithValue("shopper", shopperId);
            wasMember = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        await using (var command = new NpgsqlCommand(
            member
                ? "INSERT INTO control.group_members (group_name, shopper_id, added_by) VALUES (@group, @shopper, @who) ON CONFLICT DO NOTHING"
                : "DELETE FROM control.group_members WHERE group_name = @group AND shopper_id = @shopper",
            connection,
            transaction))
        {
            command.Parameters.AddWithValue("group", group);
            command.Parameters.AddWithValue("shopper", shopperId);
            command.Parameters.AddWithValue("who", actor.Who.Trim());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var subject = "group:" + group;
        await AuditAndNotifyAsync(connection, transaction, subject, actor, MembershipJson(group, shopperId, wasMember), MembershipJson(group, shopperId, member), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> GetAuditAsync(int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxAuditLimit)
        {
            throw new ApiException(400, ControlPlaneErrors.InvalidLimit, $"limit must be 1..{MaxAuditLimit}, got {limit}.");
        }

        var dataSource = await schema.ReadyAsync(cancellationToken);
        await using var command = dataSource.CreateCommand(
            "SELECT audit_id, subject, changed_at, changed_by, reason, before::text, after::text FROM control.change_audit ORDER BY audit_id DESC LIMIT @limit");
        command.Parameters.AddWithValue("limit", limit);
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return entries;
    }

    private async Task<ChangeResult<RouteFlag>> ChangeFlagAsync(
        string capability, ChangeActor actor, Func<RouteFlag, RouteFlag> change, CancellationToken cancellationToken)
    {
        var dataSource = await schema.ReadyAsync(cancellationToken);
        var flagName = Capabilities.FlagName(capability);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var before = await ReadFlagAsync(connection, transaction, capability, forUpdate: true, cancellationToken);
                var current = before ?? Missing(capability);
                var wanted = change(current);
                var definition = RouteFlagJson.Build(flagName, wanted.ModularPercent, wanted.Shoppers, wanted.Groups);
                var who = actor.Who.Trim();
                await using (var command = new NpgsqlCommand(
                    before is null
                        ? "INSERT INTO control.feature_flags (flag_id, definition, version, updated_at, updated_by) VALUES (@id, @definition, 1, now(), @who)"
                        : "UPDATE control.feature_flags SET definition = @definition, version = version + 1, updated_at = now(), updated_by = @who WHERE flag_id = @id",
                    connection,
                    transaction))
                {
                    command.Parameters.AddWithValue("id", flagName);
                    command.Parameters.AddWithValue("definition", NpgsqlDbType.Jsonb, definition);
                    command.Parameters.AddWithValue("who", who);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                var after = (await ReadFlagAsync(connection, transaction, capability, forUpdate: false, cancellationToken))!;
                var beforeJson = before is null ? null : RouteFlagJson.Build(flagName, before.ModularPercent, before.Shoppers, before.Groups);
                var auditId = await AuditAndNotifyAsync(connection, transaction, "flag:" + flagName, actor, beforeJson, definition, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new ChangeResult<RouteFlag>(current, after, auditId);
            }
            catch (PostgresException exception) when (exception.SqlState == UniqueViolation && attempt == 1)
            {
                // Another writer created the same flag row between our read and insert; the retry locks that row.
            }
        }
    }

    private static async Task<RouteFlag?> ReadFlagAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string capability, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT definition::text, version, updated_at, updated_by FROM control.feature_flags WHERE flag_id = @id" + (forUpdate ? " FOR UPDATE" : ""),
            connection,
            transaction);
        command.Parameters.AddWithValue("id", Capabilities.FlagName(capability));
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? ToRouteFlag(capability, reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3))
            : null;
    }

    private static async Task<long> AuditAndNotifyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string subject, ChangeActor actor, string? before, string? after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO control.change_audit (subject, changed_by, reason, before, after) VALUES (@subject, @who, @reason, @before, @after) RETURNING audit_id;
            SELECT pg_notify(@channel, @subject);
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("subject", subject);
        command.Parameters.AddWithValue("who", actor.Who.Trim());
        command.Parameters.AddWithValue("reason", actor.Reason?.Trim() ?? "");
        command.Parameters.AddWithValue("before", NpgsqlDbType.Jsonb, (object?)before ?? DBNull.Value);
        command.Parameters.AddWithValue("after", NpgsqlDbType.Jsonb, (object?)after ?? DBNull.Value);
        command.Parameters.AddWithValue("channel", ControlPlaneSchema.NotifyChannel);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static RouteFlag ToRouteFlag(string capability, string definition, long version, DateTimeOffset updatedAt, string updatedBy)
    {
        var (percent, shoppers, groups) = RouteFlagJson.Parse(definition);
        return new RouteFlag(capability, percent, shoppers, groups, version, updatedAt, updatedBy);
    }

    private static RouteFlag Missing(string capability) =>
        new(capability, 0, new Dictionary<string, string>(), new Dictionary<string, string>(), 0, null, null);

    private static Dictionary<string, string> WithOverride(IReadOnlyDictionary<string, string> overrides, string key, string? variant)
    {
        var copy = new Dictionary<string, string>(overrides, StringComparer.Ordinal);
        if (variant is null)
        {
            copy.Remove(key);
        }
        else
        {
            copy[key] = variant;
        }

        return copy;
    }

    private static string MembershipJson(string group, string shopperId, bool member) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["group"] = group, ["shopper_id"] = shopperId, ["member"] = member });

    private static string RequireCapability(string capability) =>
        Capabilities.TryParse(capability, out var name)
            ? name
            : throw new ApiException(400, ControlPlaneErrors.UnknownCapability,
                $"capability must be one of {string.Join(", ", Capabilities.All)}, got '{capability}'.");

    /// <summary>0..100 with at most two decimals (what an operator types); normalised so 12.1 is stored as 12.1, not 12.0999….</summary>
    private static double RequirePercent(double percent)
    {
        var hundredths = percent * 100;
        if (!double.IsFinite(percent) || percent is < 0 or > 100 || Math.Abs(hundredths - Math.Round(hundredths)) > 1e-6)
        {
            throw new ApiException(400, ControlPlaneErrors.InvalidPercentage,
                $"percentage must be 0..100 with at most 2 decimals, got {percent.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        return Math.Round(percent, 2);
    }

    private static void RequireVariant(string? variant)
    {
        if (variant is not null && !RouteVariants.IsValid(variant))
        {
            throw new ApiException(400, ControlPlaneErrors.InvalidVariant,
                $"variant must be '{RouteVariants.Legacy}' or '{RouteVariants.Modular}', got '{variant}'.");
        }
    }

    private static void RequireGroup(string group)
    {
        if (group is null || !GroupName().IsMatch(group))
        {
            throw new ApiException(400, ControlPlaneErrors.InvalidGroup,
                $"group must be 1..64 characters of a-z, 0-9, '-', '_' and '.', got '{group}'.");
        }
    }

    private static void RequireActor(ChangeActor actor)
    {
        if (actor is null || string.IsNullOrWhiteSpace(actor.Who))
        {
            throw new ApiException(400, ControlPlaneErrors.InvalidActor, "who made the change is required (it is written to the audit).");
        }
    }

    [GeneratedRegex(@"^[a-z0-9_.-]{1,64}\z")]
    private static partial Regex GroupName();
}
