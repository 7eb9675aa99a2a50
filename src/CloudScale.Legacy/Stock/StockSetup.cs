namespace CloudScale.Legacy.Stock;

internal static class StockSetup
{
    /// <summary>Legacy's stock as owner, the gateway every stock operation goes through, and the stock sweeper.</summary>
    public static void AddLegacyStock(this WebApplicationBuilder builder)
    {
        InventoryStockClient.AddInventoryStockClient(builder.Services);
        builder.Services.AddSingleton<InventoryStockClient>();
        builder.Services.AddSingleton<LocalStockOwner>();
        builder.Services.AddSingleton<LegacyStockGateway>();
        builder.Services.AddSingleton<PendingStockCommits>();
        builder.Services.AddHostedService<StockSweeper>();
    }
}
