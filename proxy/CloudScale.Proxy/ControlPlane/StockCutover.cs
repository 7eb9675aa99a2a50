using System.Diagnostics;
using System.Text.Json;
using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using Npgsql;

namespace CloudScale.Proxy.ControlPlane;

/// <summary>What a cutover did, and what it cost the writers.</summary>
/// <param name="DrainMs">How long the freeze waited for stock writes already under way to finish.</param>
/// <param name="WritePauseMs">
/// How long every stock write on both sides was held back: from the moment the freeze was granted until the new owner
/// was committed. Writers that arrived while the freeze was still draining waited up to <paramref name="DrainMs"/> more.
/// </param>
internal sealed record StockCutoverReport(
    string From,
    string To,
    bool Changed,
    long Epoch,
    double DrainMs,
    double WritePauseMs,
    int Products,
    int ProductsChanged,
    int Reservations,
    int HeldReservations,
    int ReservationsSuperseded,
    int TargetOnlyProducts,
    string Note);

/// <summary>
/// Moves stock ownership between the legacy monolith and the Inventory module in ONE database transaction: freeze
/// every stock writer on both sides (<see cref="StockOwnership.FreezeAsync"/>), copy quantities and every reservation
/// from the owner to the other side, verify the copy, flip the owner (row, <c>Owner.Inventory</c> flag, audit, NOTIFY)
/// and commit, which unfreezes. Anything that fails rolls everything back: the old owner stays, nothing was copied.
/// <para>
/// The cutover is migration machinery, not a module: like <c>cloudscale verify</c> it knows both sides' stock tables
/// (<c>legacy.stock_levels</c>, <c>legacy.stock_reservations[_lines]</c>, <c>inventory.stock_items</c>,
/// <c>inventory.reservations</c>, <c>inventory.reservation_lines</c>), so it can copy and verify in one transaction
/// instead of asking two services to agree (ADR 0011). Its tests run against both sides' real migrations.
/// </para>
/// </summary>
internal sealed class StockCutover(ControlDatabase control, ILogger<StockCutover> logger)
{
    public const string InvalidOwnerCode = "invalid_owner";
    public const string FreezeTimeoutCode = "cutover_freeze_timeout";
    public const string VerificationFailedCode = "cutover_verification_failed";

    /// <summary>How long the freeze may wait for stock writes already running; new writes queue meanwhile.</summary>
    public static readonly TimeSpan MaxDrain = TimeSpan.FromSeconds(10);

    private static readonly Side Legacy = new(
        StockOwner.Legacy, "legacy.stock_levels", "legacy.stock_reservations", "legacy.stock_reservation_lines");

    private static readonly Side Inventory = new(
        StockOwner.Inventory, "inventory.stock_items", "inventory.reservations", "inventory.reservation_lines");

    public async Task<StockCutoverReport> RunAsync(StockOwner to, ChangeActor actor, CancellationToken cancellationToken)
    {
        var (source, target) = to == StockOwner.Inventory ? (Legacy, Inventory) : (Inventory, Legacy);
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        TimeSpan drain;
        try
        {
            drain = await StockOwnership.FreezeAsync(connection, transaction, MaxDrain, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new ApiException(StatusCodes.Status409Conflict, FreezeTimeoutCode,
                $"Stock writes still running after {MaxDrain.TotalSeconds:0} s kept the freeze from starting; nothing changed. Try again.");
        }

        var frozen = Stopwatch.StartNew();
        var (owner, epoch) = await ReadOwnerAsync(connection, transaction, cancellationToken);
        if (owner == to)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new StockCutoverReport(Wire(owner), Wire(to), false, epoch, drain.TotalMilliseconds, frozen.Elapsed.TotalMilliseconds,
                0, 0, 0, 0, 0, 0, $"{Wire(to)} already owns stock; nothing to do.");
        }

        var copy = await CopyAsync(connection, transaction, source, target, cancellationToken);
        var problems = await VerifyAsync(connection, transaction, source, target, cancellationToken);
        if (problems.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            logger.LogError("Stock cutover to {To} failed verification: {Problems}", Wire(to), string.Join("; ", problems));
            throw new ApiException(StatusCodes.Status409Conflict, VerificationFailedCode,
                $"The copy to {Wire(to)} did not verify ({string.Join("; ", problems)}); nothing changed, {Wire(owner)} still owns stock.");
        }

        var newEpoch = epoch + 1;
        var report = copy with { From = Wire(owner), To = Wire(to), Changed = true, Epoch = newEpoch, DrainMs = drain.TotalMilliseconds };
        await FlipAsync(connection, transaction, owner, epoch, to, newEpoch, actor, report, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        report = report with { WritePauseMs = frozen.Elapsed.TotalMilliseconds };
        logger.LogInformation(
            "Stock ownership moved {From} -> {To} (epoch {Epoch}): {Products} products, {Held} open holds, writes paused {PauseMs:0.0} ms after {DrainMs:0.0} ms drain",
            report.From, report.To, newEpoch, report.Products, report.HeldReservations, report.WritePauseMs, report.DrainMs);
        return report;
    }

    private static string Wire(StockOwner owner) => StockOwnership.ToWire(owner);

    private static async Task<(StockOwner Owner, long Epoch)> ReadOwnerAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT owner, epoch FROM control.data_owners WHERE domain = 'stock' FOR UPDATE", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || !StockOwnership.TryParse(reader.GetString(0), out var owner))
        {
            throw new InvalidOperationException("control.data_owners has no valid row for stock; ControlPlaneSchema.EnsureAsync has not run.");
        }

        return (owner, reader.GetInt64(1));
    }

    /// <summary>Makes the target an exact image of the source: quantities, and every reservation with its lines.</summary>
    private static async Task<StockCutoverReport> CopyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Side source, Side target, CancellationToken ct)
    {
        // Quantities first: reservation lines reference the target's stock rows. Legacy's rows also reference its
        // catalog, so only products both sides know are copied back to legacy (legacy owns the catalog anyway).
        var stockSql = target.Owner == StockOwner.Inventory
            ? $"""
               INSERT INTO {target.Stock} AS t (product_id, on_hand, reserved, updated_at)
               SELECT product_id, on_hand, reserved, now() FROM {source.Stock}
               ON CONFLICT (product_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved, updated_at = now()
               WHERE (t.on_hand, t.reserved) IS DISTINCT FROM (EXCLUDED.on_hand, EXCLUDED.reserved)
               """
            : $"""
               UPDATE {target.Stock} AS t SET on_hand = s.on_hand, reserved = s.reserved, updated_at = now()
               FROM {source.Stock} AS s
               WHERE s.product_id = t.product_id AND (t.on_hand, t.reserved) IS DISTINCT FROM (s.on_hand, s.reserved)
               """;
        var productsChanged = await ExecuteAsync(connection, transaction, stockSql, ct);

        // Holds the target still shows but the source does not know were made before the target last lost ownership
        // (or never existed for the owner): they hold nothing real, so they end here.
        var superseded = await ExecuteAsync(connection, transaction, $"""
            UPDATE {target.Reservations} AS t SET status = 'Released', release_reason = 'cutover', updated_at = now()
            WHERE t.status = 'Held' AND NOT EXISTS (SELECT 1 FROM {source.Reservations} s WHERE s.reservation_id = t.reservation_id)
            """, ct);

        var reservations = await ExecuteAsync(connection, transaction, $"""
            INSERT INTO {target.Reservations} AS t (reservation_id, status, reference, release_reason, expires_at, created_at, updated_at)
            SELECT reservation_id, status, reference, release_reason, expires_at, created_at, updated_at FROM {source.Reservations}
            ON CONFLICT (reservation_id) DO UPDATE SET status = EXCLUDED.status, reference = EXCLUDED.reference,
                release_reason = EXCLUDED.release_reason, expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at
            WHERE (t.status, t.release_reason, t.expires_at) IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.release_reason, EXCLUDED.expires_at)
            """, ct);
        await ExecuteAsync(connection, transaction, $"""
            INSERT INTO {target.Lines} (reservation_id, product_id, quantity)
            SELECT reservation_id, product_id, quantity FROM {source.Lines}
            ON CONFLICT (reservation_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity
            """, ct);

        var products = await ScalarAsync(connection, transaction, $"SELECT count(*)::int FROM {source.Stock}", ct);
        var held = await ScalarAsync(connection, transaction, $"SELECT count(*)::int FROM {source.Reservations} WHERE status = 'Held'", ct);
        var targetOnly = await ScalarAsync(connection, transaction,
            $"SELECT count(*)::int FROM {target.Stock} t WHERE NOT EXISTS (SELECT 1 FROM {source.Stock} s WHERE s.product_id = t.product_id)", ct);
        return new StockCutoverReport("", "", false, 0, 0, 0, products, productsChanged, reservations, held, superseded, targetOnly, "");
    }

    /// <summary>Everything that must hold before the owner may change; each broken rule is one line.</summary>
    private static async Task<List<string>> VerifyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Side source, Side target, CancellationToken ct)
    {
        var checks = new (string Problem, string Sql)[]
        {
            ("products whose quantities differ", $"""
                SELECT count(*)::int FROM {source.Stock} s LEFT JOIN {target.Stock} t USING (product_id)
                WHERE t.product_id IS NULL OR (s.on_hand, s.reserved) IS DISTINCT FROM (t.on_hand, t.reserved)
                """),
            ("reservations whose state differs", $"""
                SELECT count(*)::int FROM {source.Reservations} s LEFT JOIN {target.Reservations} t USING (reservation_id)
                WHERE t.reservation_id IS NULL OR (s.status, s.expires_at) IS DISTINCT FROM (t.status, t.expires_at)
                """),
            ("open holds only the target has", $"""
                SELECT count(*)::int FROM {target.Reservations} t
                WHERE t.status = 'Held' AND NOT EXISTS (SELECT 1 FROM {source.Reservations} s WHERE s.reservation_id = t.reservation_id)
                """),
            ("target products whose reserved is not the sum of their open holds", HeldSumMismatch(target)),
            ("source products whose reserved is not the sum of their open holds", HeldSumMismatch(source)),
        };
        var problems = new List<string>();
        foreach (var (problem, sql) in checks)
        {
            var count = await ScalarAsync(connection, transaction, sql, ct);
            if (count > 0)
            {
                problems.Add($"{count} {problem}");
            }
        }

        return problems;
    }

    private static string HeldSumMismatch(Side side) => $"""
        SELECT count(*)::int FROM {side.Stock} st
        LEFT JOIN (SELECT l.product_id, sum(l.quantity) AS held
                   FROM {side.Lines} l JOIN {side.Reservations} r USING (reservation_id)
                   WHERE r.status = 'Held' GROUP BY l.product_id) h USING (product_id)
        WHERE st.reserved <> coalesce(h.held, 0)
        """;

    private static async Task FlipAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StockOwner from, long epoch, StockOwner to, long newEpoch,
        ChangeActor actor, StockCutoverReport report, CancellationToken ct)
    {
        var flag = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = StockOwnership.FlagName,
            ["enabled"] = true,
            ["variants"] = new[] { new { name = Wire(StockOwner.Legacy) }, new { name = Wire(StockOwner.Inventory) } },
            ["allocation"] = new Dictionary<string, string> { ["default_when_enabled"] = Wire(to), ["default_when_disabled"] = Wire(to) },
        });
        await using var command = new NpgsqlCommand("""
            UPDATE control.data_owners SET owner = @to, epoch = @newEpoch, changed_at = now(), changed_by = @who WHERE domain = 'stock';
            INSERT INTO control.feature_flags (flag_id, definition, updated_by) VALUES (@flagId, @flag::jsonb, @who)
            ON CONFLICT (flag_id) DO UPDATE SET definition = EXCLUDED.definition, version = control.feature_flags.version + 1,
                updated_at = now(), updated_by = EXCLUDED.updated_by;
            INSERT INTO control.change_audit (subject, changed_by, reason, before, after)
            VALUES ('owner:stock', @who, @reason, @before::jsonb, @after::jsonb);
            SELECT pg_notify(@channel, 'owner:stock');
            """, connection, transaction);
        command.Parameters.AddWithValue("to", Wire(to));
        command.Parameters.AddWithValue("newEpoch", newEpoch);
        command.Parameters.AddWithValue("who", actor.Who);
        command.Parameters.AddWithValue("reason", actor.Reason);
        command.Parameters.AddWithValue("flagId", StockOwnership.FlagName);
        command.Parameters.AddWithValue("flag", flag);
        command.Parameters.AddWithValue("before", JsonSerializer.Serialize(new { owner = Wire(from), epoch }));
        command.Parameters.AddWithValue("after", JsonSerializer.Serialize(new { owner = Wire(to), epoch = newEpoch, cutover = report }, JsonSerializerOptions.Web));
        command.Parameters.AddWithValue("channel", ControlPlaneSchema.NotifyChannel);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<int> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    private sealed record Side(StockOwner Owner, string Stock, string Reservations, string Lines);
}
