using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudScale.Inventory.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Invalid_settings_are_refused_naming_the_setting()
    {
        using var services = new ServiceCollection().AddLogging()
            .AddInventoryModule(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Modules"] = "Host=unused",
                ["Inventory:ReservationTtl"] = "2.00:00:00",
                ["Inventory:Legacy:PageSize"] = "500",
            }).Build())
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<InventoryOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("Inventory:ReservationTtl", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Inventory:Legacy:PageSize", StringComparison.Ordinal));
    }

    [Fact]
    public void The_reservation_ttl_defaults_to_ten_minutes()
    {
        using var services = new ServiceCollection().AddLogging()
            .AddInventoryModule(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Modules"] = "Host=unused",
            }).Build())
            .BuildServiceProvider();

        Assert.Equal(TimeSpan.FromMinutes(10), services.GetRequiredService<IOptions<InventoryOptions>>().Value.ReservationTtl);
        Assert.Equal(TimeSpan.FromSeconds(30), services.GetRequiredService<IOptions<InventoryOptions>>().Value.SweepInterval);
    }
}
