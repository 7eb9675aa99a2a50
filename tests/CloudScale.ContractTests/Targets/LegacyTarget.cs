using CloudScale.Legacy;
using CloudScale.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.ContractTests.Targets;

/// <summary>The legacy monolith over its own database.</summary>
public sealed class LegacyTarget : ShopperApiTarget
{
    private LoopbackApp app = null!;

    protected override LoopbackApp Api => app;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        app = await LoopbackApp.StartAsync(LegacyApp.Create(LegacySettings(LegacyDatabase),
            builder => builder.Services.AddSingleton<TimeProvider>(Clock)));
    }

    public override Task<string> ProductWithStockAsync(int onHand) => TakeLegacyProductAsync(onHand);

    public override async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await LegacyDatabase.DisposeAsync();
    }
}
