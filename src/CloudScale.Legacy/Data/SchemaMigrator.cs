using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace CloudScale.Legacy.Data;

/// <summary>
/// Applies the SQL scripts of <c>migrations/legacy</c> (embedded in this assembly) in file-name order, each in
/// its own transaction, and records them in <c>legacy.schema_migrations</c>. An advisory lock keeps concurrent
/// instances from racing; an applied script whose text has since changed stops startup.
/// </summary>
internal sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    private const string ResourcePrefix = "migrations.legacy.";
    private const long AdvisoryLockKey = 0x4C45_4741_4359; // "LEGACY"

    public static IReadOnlyList<(string Version, string Sql)> Scripts { get; } = LoadScripts();

    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@AdvisoryLockKey)", new { AdvisoryLockKey });
        try
        {
            await connection.ExecuteAsync("""
                CREATE SCHEMA IF NOT EXISTS legacy;
                CREATE TABLE IF NOT EXISTS legacy.schema_migrations (
                    version     text PRIMARY KEY,
                    checksum    text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now());
                """);
            var applied = (await connection.QueryAsync<(string Version, string Checksum)>(
                "SELECT version, checksum FROM legacy.schema_migrations")).ToDictionary(r => r.Version, r => r.Checksum);

            var count = 0;
            foreach (var (version, sql) in Scripts)
            {
                var checksum = Checksum(sql);
                if (applied.TryGetValue(version, out var recorded))
                {
                    if (recorded != checksum)
                    {
                        throw new InvalidOperationException(
                            $"Legacy migration {version} was changed after it was applied (checksum {recorded} in the database, {checksum} now). Add a new script instead of editing an applied one.");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(sql, transaction: transaction);
                await connection.ExecuteAsync(
                    "INSERT INTO legacy.schema_migrations (version, checksum) VALUES (@version, @checksum)",
                    new { version, checksum }, transaction);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied legacy migration {Version}", version);
                count++;
            }

            return count;
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@AdvisoryLockKey)", new { AdvisoryLockKey });
        }
    }

    private static IReadOnlyList<(string, string)> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return (name[ResourcePrefix.Length..^".sql".Length], reader.ReadToEnd());
            })
            .ToList();
    }

    private static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
}
