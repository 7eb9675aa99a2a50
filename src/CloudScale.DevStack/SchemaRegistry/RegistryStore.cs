using Npgsql;

namespace CloudScale.DevStack.SchemaRegistry;

/// <summary>A registered version of a subject.</summary>
internal sealed record SubjectVersion(string Subject, int Version, int Id, string Schema);

/// <summary>
/// The registry's state in PostgreSQL (schema <c>schema_registry</c>), so ids survive restarts exactly as the real
/// registry's survive in its Kafka topic. Ids are global: the same schema text gets the same id in every subject.
/// </summary>
internal sealed class RegistryStore(NpgsqlDataSource dataSource)
{
    private const string GlobalConfigKey = "";

    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            CREATE SCHEMA IF NOT EXISTS schema_registry;
            CREATE TABLE IF NOT EXISTS schema_registry.schemas (
                id      serial PRIMARY KEY,
                digest  bytea NOT NULL UNIQUE,
                schema  text NOT NULL);
            CREATE TABLE IF NOT EXISTS schema_registry.subject_versions (
                subject    text NOT NULL,
                version    integer NOT NULL,
                schema_id  integer NOT NULL REFERENCES schema_registry.schemas (id),
                PRIMARY KEY (subject, version));
            CREATE TABLE IF NOT EXISTS schema_registry.config (
                subject  text PRIMARY KEY,
                level    text NOT NULL);
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<string?> SchemaByIdAsync(int id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT schema FROM schema_registry.schemas WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    public async Task<IReadOnlyList<string>> SubjectsAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT DISTINCT subject FROM schema_registry.subject_versions ORDER BY subject");
        return await ReadAllAsync(command, r => r.GetString(0), ct);
    }

    /// <summary>Every version of <paramref name="subject"/>, oldest first (empty when the subject is unknown).</summary>
    public async Task<IReadOnlyList<SubjectVersion>> VersionsAsync(string subject, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await VersionsAsync(connection, subject, ct);
    }

    /// <summary>
    /// Registers <paramref name="schema"/> under <paramref name="subject"/> unless that very schema is already one of
    /// its versions (then that version is returned). <paramref name="checkCompatible"/> sees the existing versions and
    /// the subject's effective level, both read under the subject's lock, and throws to refuse. Serialised per subject,
    /// so two registrations cannot both become version n.
    /// </summary>
    public async Task<SubjectVersion> RegisterAsync(
        string subject, string schema, Action<IReadOnlyList<SubjectVersion>, CompatibilityLevel> checkCompatible, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockSubjectAsync(connection, transaction, subject, ct);

        var versions = await VersionsAsync(connection, subject, ct);
        if (versions.FirstOrDefault(v => v.Schema == schema) is { } existing)
        {
            return existing;
        }

        checkCompatible(versions, await EffectiveLevelAsync(subject, ct));
        // Keyed by digest: a unique index on the text itself fails for large schemas (btree entries are ~2.7 KB at
        // most). DO UPDATE, not DO NOTHING, so that a registration racing another subject's still gets the id back.
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO schema_registry.schemas (digest, schema) VALUES (sha256(convert_to($1, 'UTF8')), $1)
            ON CONFLICT (digest) DO UPDATE SET schema = EXCLUDED.schema
            RETURNING id
            """, connection, transaction);
        upsert.Parameters.AddWithValue(schema);
        var id = (int)(await upsert.ExecuteScalarAsync(ct))!;

        var version = versions.Count == 0 ? 1 : versions[^1].Version + 1;
        await using var insert = new NpgsqlCommand(
            "INSERT INTO schema_registry.subject_versions (subject, version, schema_id) VALUES ($1, $2, $3)", connection, transaction);
        insert.Parameters.AddWithValue(subject);
        insert.Parameters.AddWithValue(version);
        insert.Parameters.AddWithValue(id);
        await insert.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return new SubjectVersion(subject, version, id, schema);
    }

    /// <summary>The subject's own level, or null when it has none (the global level then applies).</summary>
    public async Task<CompatibilityLevel?> SubjectLevelAsync(string subject, CancellationToken ct) =>
        await LevelAsync(subject, ct);

    public async Task<CompatibilityLevel> GlobalLevelAsync(CancellationToken ct) =>
        await LevelAsync(GlobalConfigKey, ct) ?? CompatibilityLevels.Default;

    public async Task<CompatibilityLevel> EffectiveLevelAsync(string subject, CancellationToken ct) =>
        await SubjectLevelAsync(subject, ct) ?? await GlobalLevelAsync(ct);

    /// <summary>
    /// Sets the level of <paramref name="subject"/>, or the global level when it is null, under the same lock as
    /// registrations, so a registration checks against the level in force before or after the change, never a mix.
    /// </summary>
    public async Task SetLevelAsync(string? subject, CompatibilityLevel level, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockSubjectAsync(connection, transaction, subject ?? GlobalConfigKey, ct);
        await using var command = new NpgsqlCommand(
            "INSERT INTO schema_registry.config (subject, level) VALUES ($1, $2) ON CONFLICT (subject) DO UPDATE SET level = excluded.level",
            connection, transaction);
        command.Parameters.AddWithValue(subject ?? GlobalConfigKey);
        command.Parameters.AddWithValue(level.ToWire());
        await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task LockSubjectAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string subject, CancellationToken ct)
    {
        await using var lockSubject = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('schema-registry:' || $1))", connection, transaction);
        lockSubject.Parameters.AddWithValue(subject);
        await lockSubject.ExecuteNonQueryAsync(ct);
    }

    private async Task<CompatibilityLevel?> LevelAsync(string key, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT level FROM schema_registry.config WHERE subject = $1");
        command.Parameters.AddWithValue(key);
        return await command.ExecuteScalarAsync(ct) is string level ? CompatibilityLevels.Parse(level) : null;
    }

    private static async Task<IReadOnlyList<SubjectVersion>> VersionsAsync(NpgsqlConnection connection, string subject, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT v.subject, v.version, v.schema_id, s.schema
            FROM schema_registry.subject_versions v JOIN schema_registry.schemas s ON s.id = v.schema_id
            WHERE v.subject = $1 ORDER BY v.version
            """, connection);
        command.Parameters.AddWithValue(subject);
        return await ReadAllAsync(command, r => new SubjectVersion(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetString(3)), ct);
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
