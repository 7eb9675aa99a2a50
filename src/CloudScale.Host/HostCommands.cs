using System.Text.Json;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Inventory;

namespace CloudScale.Host;

/// <summary>One-off jobs run with the host's configuration (`./cloudscale db backfill inventory` runs them).</summary>
internal static class HostCommands
{
    public static async Task<int> BackfillAsync(string[] args)
    {
        if (args is not ["inventory"])
        {
            await Console.Error.WriteLineAsync("error: usage: CloudScale.Host backfill inventory");
            return 2;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddModules(builder.Configuration);
        using var host = builder.Build();
        try
        {
            // Starting applies the modules' migrations (when configured) before the copy needs the tables.
            await host.StartAsync();
            var report = await InventoryModule.BackfillStockFromLegacyAsync(host.Services, CancellationToken.None);
            Console.WriteLine(JsonSerializer.Serialize(report, JsonSerializerOptions.Web));
            await host.StopAsync();
            return 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or Npgsql.NpgsqlException or InvalidOperationException or ApiException)
        {
            await Console.Error.WriteLineAsync($"error: inventory backfill failed: {ex.Message}");
            return 1;
        }
    }
}
