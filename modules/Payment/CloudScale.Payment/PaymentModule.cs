using CloudScale.BuildingBlocks.Modules;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.Payment.Application;
using CloudScale.Payment.Application.Gateway;
using CloudScale.Payment.Contracts;
using CloudScale.Payment.Infrastructure;
using CloudScale.Payment.Infrastructure.Gateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudScale.Payment;

public static class PaymentModule
{
    /// <summary>
    /// Payment (the PCI boundary): its schema, pipeline, facade <see cref="IPaymentModule"/>, the card gateway behind
    /// its resilience pipeline, and its outbox dispatcher. Settings: section <c>Payment</c> (see PaymentOptions),
    /// validated at start. The host registers the outbox transport (<c>AddKafkaOutboxTransport</c>).
    /// </summary>
    public static IServiceCollection AddPaymentModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleCore<PaymentDbContext>(configuration, "Payment", PaymentDbContext.Schema, typeof(PaymentModule).Assembly);
        services.AddOptions<PaymentOptions>().Bind(configuration.GetSection(PaymentOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PaymentOptions>, PaymentOptionsValidator>();
        services.AddSingleton<SimulatedPaymentGateway>();
        // A singleton so the circuit breaker's state is shared by every request.
        services.AddSingleton<IPaymentGateway, ResilientPaymentGateway>();
        services.AddScoped<IPaymentModule, PaymentModuleFacade>();
        services.AddOutboxDispatcher<PaymentDbContext>();
        return services;
    }
}
