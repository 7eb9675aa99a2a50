using Npgsql;

namespace CloudScale.Legacy.Data;

internal static class LegacyDatabase
{
    public const string ConnectionStringName = "Legacy";

    public static void AddLegacyDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set; set it (e.g. env ConnectionStrings__{ConnectionStringName}) to the legacy PostgreSQL database.");
        }

        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.Configure<LegacyOptions>(builder.Configuration.GetSection("Legacy"));
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddSingleton<DemoCatalog>();
        builder.Services.AddHostedService<DatabaseInitializer>();
    }
}
