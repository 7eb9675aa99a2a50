using CloudScale.BuildingBlocks.Outbox;
using CloudScale.Inventory;
using CloudScale.Payment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudScale.Checkout.Tests;

/// <summary>Checkout, Inventory and Payment composed in one host over one database, as the modular host does.</summary>
internal static class CheckoutHost
{
    public static IHost Build(string connectionString, Uri catalog, IDictionary<string, string?>? settings = null, IOutboxTransport? transport = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Modules"] = connectionString,
            ["Checkout:MigrateOnStartup"] = "true",
            ["Inventory:MigrateOnStartup"] = "true",
            ["Payment:MigrateOnStartup"] = "true",
            ["Checkout:Catalog:BaseAddress"] = catalog.ToString(),
            // Tests run the recovery themselves; the job must not race them.
            ["Checkout:SagaStaleAfter"] = "01:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCheckoutModule(builder.Configuration);
        builder.Services.AddInventoryModule(builder.Configuration);
        builder.Services.AddPaymentModule(builder.Configuration);
        if (transport is null)
        {
            builder.Services.AddKafkaOutboxTransport(builder.Configuration);
        }
        else
        {
            builder.Services.AddSingleton(transport);
        }

        return builder.Build();
    }
}
