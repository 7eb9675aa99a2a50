using CloudScale.Payment.Contracts;
using CloudScale.Payment.Infrastructure;
using CloudScale.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudScale.Payment.Tests;

/// <summary>A fresh database with Payment's migrations applied, and the module composed over it as a host would.</summary>
public sealed class PaymentFixture : IAsyncLifetime
{
    public const string Approved = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string GatewayError = "4000000000000119";
    public const string Slow = "4000000000003220";
    public const string CaptureFails = "4000000000000341";
    public const string CaptureHangs = "4000000000000077";

    public TestDatabase Database { get; private set; } = null!;

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The module with quick retries and a breaker that does not trip on the few failures tests cause.</summary>
    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("payment");
        Services = Compose();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PaymentDbContext>().Database.MigrateAsync();
    }

    /// <summary>The module over this fixture's database, with the test defaults overridden by <paramref name="settings"/>.</summary>
    public ServiceProvider Compose(params (string Key, string Value)[] settings) => Compose(null, settings);

    /// <param name="extra">Registrations a host would add, e.g. the outbox transport.</param>
    public ServiceProvider Compose(Action<IServiceCollection, IConfiguration>? extra, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Modules"] = Database.ConnectionString,
            ["Payment:Gateway:RetryDelay"] = "00:00:00.010",
            ["Payment:Gateway:BreakerMinimumThroughput"] = "100000",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs))
            .AddSingleton<IConfiguration>(configuration);
        services.AddPaymentModule(configuration);
        extra?.Invoke(services, configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = false });
    }

    /// <summary>Runs one facade call in a scope of its own, as one request of a host would.</summary>
    public Task<T> Payment<T>(Func<IPaymentModule, Task<T>> call) => Payment(Services, call);

    public static async Task<T> Payment<T>(IServiceProvider services, Func<IPaymentModule, Task<T>> call)
    {
        await using var scope = services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<IPaymentModule>());
    }

    public static RegisterPaymentMethod Card(string number, string? shopperId = "shopper-1", string cvc = "123") =>
        new(shopperId, number, 12, DateTime.UtcNow.Year + 3, cvc, "Ada Lovelace");

    public async Task<Guid> RegisterAsync(string number) =>
        (await Payment(p => p.RegisterPaymentMethodAsync(Card(number), CancellationToken.None))).PaymentMethodId;

    /// <summary>A new payment of <paramref name="amountCents"/> EUR on a new card, authorised.</summary>
    public async Task<(Guid PaymentId, PaymentResult Result)> AuthorizeNewAsync(string card, long amountCents = 1999)
    {
        var method = await RegisterAsync(card);
        var paymentId = Guid.NewGuid();
        var result = await Payment(p => p.AuthorizeAsync(new AuthorizePayment(paymentId, method, amountCents, "EUR", "test"), CancellationToken.None));
        return (paymentId, result);
    }

    public Task<string?> StatusAsync(Guid paymentId) =>
        Database.ScalarAsync<string>("SELECT status FROM payment.payments WHERE payment_id = @id", ("id", paymentId));

    public Task<string?> ReferenceAsync(Guid paymentId) =>
        Database.ScalarAsync<string>("SELECT gateway_reference FROM payment.payments WHERE payment_id = @id", ("id", paymentId));

    /// <summary>Outbox rows of one topic for one payment: the events it will publish.</summary>
    public async Task<long> EventsAsync(string topic, Guid paymentId) =>
        await Database.ScalarAsync<long>("SELECT count(*) FROM payment.outbox_messages WHERE topic = @topic AND key = @key",
            ("topic", topic), ("key", paymentId.ToString()));

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
