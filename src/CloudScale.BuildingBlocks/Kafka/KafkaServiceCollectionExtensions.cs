using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudScale.BuildingBlocks.Kafka;

public static class KafkaServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="KafkaOptions"/> from section <c>Kafka</c>, validated at startup, and registers
    /// <see cref="KafkaClientFactory"/>.
    /// </summary>
    public static IServiceCollection AddKafka(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KafkaOptions>()
            .Bind(configuration.GetSection(KafkaOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        services.AddSingleton(provider => new KafkaClientFactory(
            provider.GetRequiredService<IOptions<KafkaOptions>>().Value, provider.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    /// <summary>
    /// Runs a <see cref="KafkaConsumerWorker"/> for <paramref name="settings"/> with a <typeparamref name="THandler"/>,
    /// registered as scoped (unless already registered): each attempt at a message resolves it from a scope of its own.
    /// </summary>
    public static IServiceCollection AddKafkaConsumer<THandler>(this IServiceCollection services, KafkaConsumerSettings settings)
        where THandler : class, IKafkaMessageHandler
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton<IHostedService>(provider => new KafkaConsumerWorker(
            provider.GetRequiredService<KafkaClientFactory>(),
            settings,
            provider.GetRequiredService<IServiceScopeFactory>(),
            scoped => scoped.GetRequiredService<THandler>(),
            provider.GetRequiredService<ILogger<KafkaConsumerWorker>>()));
        return services;
    }

    private sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
    {
        public ValidateOptionsResult Validate(string? name, KafkaOptions options) =>
            options.Validate() is [_, ..] errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
