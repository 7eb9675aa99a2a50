using CloudScale.Payment.Application.Gateway;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CloudScale.Payment.Infrastructure.Gateway;

/// <summary>
/// The gateway as the handlers call it: every attempt has a timeout, keyed calls are retried, and a circuit breaker
/// shared by all calls fails them at once while the gateway is failing. Whatever goes wrong comes out as
/// <see cref="PaymentGatewayException"/>. The pipelines are built once (this is a singleton).
/// <para>
/// Why retrying is safe: authorise, capture, void and refund each carry an idempotency key derived from the payment
/// id (see <c>GatewayKeys</c>), so a retry after a timeout or a 5xx, whose first attempt may well have succeeded, is
/// the same operation to the gateway: the same authorisation reference, one capture, one void, one refund.
/// Tokenisation carries no key (a retry could vault the card twice), so it gets the timeout and the breaker only.
/// </para>
/// </summary>
internal sealed class ResilientPaymentGateway : IPaymentGateway
{
    private readonly SimulatedPaymentGateway inner;
    private readonly ResiliencePipeline keyed;
    private readonly ResiliencePipeline unkeyed;

    public ResilientPaymentGateway(SimulatedPaymentGateway inner, IOptions<PaymentOptions> options, ILogger<ResilientPaymentGateway> logger)
    {
        this.inner = inner;
        var settings = options.Value.Gateway;
        var transient = new PredicateBuilder().Handle<PaymentGatewayException>().Handle<TimeoutRejectedException>();

        // One breaker instance in both pipelines: failures of any call count, and an open circuit stops every call.
        var breaker = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = settings.BreakerFailureRatio,
                MinimumThroughput = settings.BreakerMinimumThroughput,
                SamplingDuration = settings.BreakerSamplingDuration,
                BreakDuration = settings.BreakDuration,
                OnOpened = args =>
                {
                    logger.LogWarning("Payment gateway circuit opened for {BreakDuration}: calls fail at once until then", args.BreakDuration);
                    return default;
                },
                OnClosed = _ =>
                {
                    logger.LogInformation("Payment gateway circuit closed");
                    return default;
                },
            })
            .Build();

        // Outer to inner: retry → breaker → per-attempt timeout. The breaker sees every attempt; an open circuit
        // (BrokenCircuitException) is not retried, so the caller learns at once.
        var keyedBuilder = new ResiliencePipelineBuilder();
        if (settings.MaxRetries > 0)
        {
            keyedBuilder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryDelay,
                OnRetry = args =>
                {
                    logger.LogWarning("Payment gateway {Operation} attempt {Attempt} failed ({Reason}); retrying in {Delay}",
                        args.Context.OperationKey, args.AttemptNumber + 1, args.Outcome.Exception?.Message, args.RetryDelay);
                    return default;
                },
            });
        }

        keyed = keyedBuilder.AddPipeline(breaker).AddTimeout(settings.Timeout).Build();
        unkeyed = new ResiliencePipelineBuilder().AddPipeline(breaker).AddTimeout(settings.Timeout).Build();
    }

    public Task<string> TokenizeAsync(string cardNumber, CancellationToken cancellationToken) =>
        RunAsync(unkeyed, "tokenize", ct => inner.TokenizeAsync(cardNumber, ct), cancellationToken);

    public Task<GatewayAuthorization> AuthorizeAsync(
        string token, long amountCents, string currency, string idempotencyKey, CancellationToken cancellationToken) =>
        RunAsync(keyed, "authorize", ct => inner.AuthorizeAsync(token, amountCents, currency, idempotencyKey, ct), cancellationToken);

    public Task CaptureAsync(string reference, long amountCents, string idempotencyKey, CancellationToken cancellationToken) =>
        RunAsync(keyed, "capture", async ct =>
        {
            await inner.CaptureAsync(reference, amountCents, idempotencyKey, ct);
            return true;
        }, cancellationToken);

    public Task VoidAsync(string reference, string idempotencyKey, CancellationToken cancellationToken) =>
        RunAsync(keyed, "void", async ct =>
        {
            await inner.VoidAsync(reference, idempotencyKey, ct);
            return true;
        }, cancellationToken);

    public Task RefundAsync(string reference, long amountCents, string idempotencyKey, CancellationToken cancellationToken) =>
        RunAsync(keyed, "refund", async ct =>
        {
            await inner.RefundAsync(reference, amountCents, idempotencyKey, ct);
            return true;
        }, cancellationToken);

    private static async Task<T> RunAsync<T>(ResiliencePipeline pipeline, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        try
        {
            return await pipeline.ExecuteAsync(static async (ctx, call) => await call(ctx.CancellationToken), context, call);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new PaymentGatewayException($"The card gateway did not answer the {operation} in time.", ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw new PaymentGatewayException($"The card gateway is failing; the {operation} was not attempted (circuit open).", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
