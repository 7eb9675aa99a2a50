using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.Checkout.Contracts;
using CloudScale.Payment.Contracts;
using CloudScale.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudScale.Checkout.Tests;

/// <summary>
/// A fresh database, the fake legacy catalog on loopback, and Checkout + Inventory + Payment started in one host
/// (migrations applied at start). Stock is seeded straight into <c>inventory.stock_items</c>.
/// </summary>
public class ModulesFixture : IAsyncLifetime
{
    public const string ApprovedCard = "4242424242424242";
    public const string DeclinedCard = "4000000000000002";
    public const string InsufficientFundsCard = "4000000000009995";
    public const string AuthorizeGatewayErrorCard = "4000000000000119";
    public const string CaptureFailsCard = "4000000000000341";
    public const string CaptureHangsCard = "4000000000000077";

    public TestDatabase Database { get; private set; } = null!;

    public FakeCatalog Catalog { get; private set; } = null!;

    public IHost Host { get; private set; } = null!;

    internal RecordingTransport Transport { get; } = new();

    public IServiceProvider Services => Host.Services;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("checkout");
        // Stock is seeded into Inventory's tables, so Inventory must own it (a host starts with legacy as the owner).
        await ControlPlaneSchema.EnsureAsync(Database.DataSource, CancellationToken.None);
        await Database.ExecuteAsync("UPDATE control.data_owners SET owner = 'inventory' WHERE domain = 'stock'");
        Catalog = await FakeCatalog.StartAsync();
        await BeforeStartAsync();
        Host = CheckoutHost.Build(Database.ConnectionString, Catalog.BaseAddress, Settings(), OutboxTransport());
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        await Catalog.DisposeAsync();
        await AfterStopAsync();
        await Database.DisposeAsync();
    }

    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    protected virtual Task AfterStopAsync() => Task.CompletedTask;

    protected virtual IDictionary<string, string?> Settings() => new Dictionary<string, string?>();

    /// <summary>Null means the real Kafka transport (settings must name the broker and registry).</summary>
    internal virtual IOutboxTransport? OutboxTransport() => Transport;

    /// <summary>Calls the facade in a scope of its own, as one request of the host would.</summary>
    public async Task<T> Checkout<T>(Func<ICheckoutModule, Task<T>> call)
    {
        await using var scope = Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<ICheckoutModule>());
    }

    public async Task<T> Payments<T>(Func<IPaymentModule, Task<T>> call)
    {
        await using var scope = Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<IPaymentModule>());
    }

    /// <summary>A product in the catalog with <paramref name="onHand"/> units in stock.</summary>
    public async Task<Guid> NewProductAsync(int onHand, long priceCents = 1999)
    {
        var productId = Catalog.Add($"Test product {Guid.NewGuid():N}"[..24], priceCents);
        await Database.ExecuteAsync(
            "INSERT INTO inventory.stock_items (product_id, on_hand, reserved, updated_at) VALUES (@id, @onHand, 0, now())",
            ("id", productId), ("onHand", onHand));
        return productId;
    }

    public async Task<Guid> RegisterCardAsync(string? shopperId, string cardNumber) =>
        (await Payments(p => p.RegisterPaymentMethodAsync(
            new RegisterPaymentMethod(shopperId, cardNumber, 12, DateTime.UtcNow.Year + 3, "123", "Ada Lovelace"), CancellationToken.None))).PaymentMethodId;

    public static Address Address { get; } = new("Ada Lovelace", "12 Analytical Way", null, "London", "N1 9GU", "GB");

    /// <summary>A new shopper's cart with the lines, their card, and a started checkout session.</summary>
    public async Task<Guid> PrepareCheckoutAsync(string cardNumber, params (Guid ProductId, int Quantity)[] lines)
    {
        var shopperId = ShopperId.New();
        var cart = await Checkout(c => c.CreateCartAsync(shopperId, CancellationToken.None));
        foreach (var (productId, quantity) in lines)
        {
            await Checkout(c => c.AddItemAsync(cart.CartId, productId.ToString(), quantity, CancellationToken.None));
        }

        var card = await RegisterCardAsync(shopperId, cardNumber);
        var started = await Checkout(c => c.StartCheckoutAsync(new StartCheckout(cart.CartId.ToString(), Address, card.ToString()), CancellationToken.None));
        return started.CheckoutSessionId;
    }

    public Task<CheckoutCompletion> CompleteAsync(Guid sessionId, string? key = null) =>
        Checkout(c => c.CompleteCheckoutAsync(sessionId, key ?? Guid.NewGuid().ToString(), CancellationToken.None));

    public async Task<long> CountAsync(string table, string where = "true", params (string Name, object Value)[] parameters) =>
        await Database.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {where}", parameters);

    public async Task<(int OnHand, int Reserved)> StockAsync(Guid productId)
    {
        var onHand = await Database.ScalarAsync<int>("SELECT on_hand FROM inventory.stock_items WHERE product_id = @id", ("id", productId));
        var reserved = await Database.ScalarAsync<int>("SELECT reserved FROM inventory.stock_items WHERE product_id = @id", ("id", productId));
        return (onHand, reserved);
    }

    public async Task<string?> StringAsync(string sql, params (string Name, object Value)[] parameters) =>
        await Database.ScalarAsync<string>(sql, parameters);

    /// <summary>The saga row of the session's last attempt.</summary>
    public Task<string?> SagaColumnAsync(Guid sessionId, string column) =>
        StringAsync($"SELECT {column}::text FROM checkout.sagas WHERE checkout_session_id = @id ORDER BY created_at DESC LIMIT 1", ("id", sessionId));

    public static async Task<ApiException> ProblemAsync(Func<Task> call) => await Assert.ThrowsAsync<ApiException>(call);
}
