using Npgsql;

namespace CloudScale.BuildingBlocks.Control;

/// <summary>
/// The control plane's tables in schema <c>control</c> of the application database: feature flags (each row one
/// flag in Microsoft Feature Management's JSON schema), the audit of every change, shopper groups, and the owner of
/// each data domain that may change hands (stock). Created idempotently by whichever service starts first; every
/// committed change is announced on <see cref="NotifyChannel"/> so readers reload at once.
/// </summary>
public static class ControlPlaneSchema
{
    public const string Schema = "control";

    /// <summary>LISTEN/NOTIFY channel; the payload names what changed (<c>flag:Route.Checkout</c>, <c>group:testers</c>, <c>owner:stock</c>).</summary>
    public const string NotifyChannel = "cloudscale_control";

    // Serialises concurrent first starts of several services; the two-int advisory key space is apart from the
    // single-bigint keys other code uses.
    private const int LockClass = 1129270867;

    private const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS control;
        CREATE TABLE IF NOT EXISTS control.feature_flags (
            flag_id     text PRIMARY KEY,
            definition  jsonb NOT NULL,
            version     bigint NOT NULL DEFAULT 1,
            updated_at  timestamptz NOT NULL DEFAULT now(),
            updated_by  text NOT NULL
        );
        CREATE TABLE IF NOT EXISTS control.change_audit (
            audit_id    bigserial PRIMARY KEY,
            subject     text NOT NULL,
            changed_at  timestamptz NOT NULL DEFAULT now(),
            changed_by  text NOT NULL,
            reason      text NOT NULL,
            before      jsonb,
            after       jsonb
        );
        CREATE INDEX IF NOT EXISTS ix_change_audit_subject ON control.change_audit (subject, audit_id);
        CREATE TABLE IF NOT EXISTS control.group_members (
            group_name  text NOT NULL,
            shopper_id  text NOT NULL,
            added_at    timestamptz NOT NULL DEFAULT now(),
            added_by    text NOT NULL,
            PRIMARY KEY (group_name, shopper_id)
        );
        CREATE TABLE IF NOT EXISTS control.data_owners (
            domain      text PRIMARY KEY,
            owner       text NOT NULL,
            epoch       bigint NOT NULL DEFAULT 1,
            changed_at  timestamptz NOT NULL DEFAULT now(),
            changed_by  text NOT NULL
        );
        INSERT INTO control.data_owners (domain, owner, changed_by) VALUES ('stock', 'legacy', 'bootstrap')
        ON CONFLICT (domain) DO NOTHING;
        """;

    /// <summary>Creates whatever of the control schema is missing; safe to call from every service at start.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockClass}, 0)", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(Ddl, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
