using Microsoft.Extensions.DependencyInjection;
using CloudScale.Payment.Contracts;

namespace CloudScale.Payment.Tests;

/// <summary>Each test composes the module with its own gateway settings, so its circuit breaker is its own.</summary>
public sealed class GatewayResilienceTests(PaymentFixture fixture) : IClassFixture<PaymentFixture>
{
    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_then_fails_calls_without_asking_the_gateway()
    {
        await using var services = fixture.Compose(
            ("Payment:Gateway:BreakerMinimumThroughput", "4"),
            ("Payment:Gateway:BreakerFailureRatio", "0.5"),
            ("Payment:Gateway:BreakDuration", "00:05:00"));
        var failing = await fixture.RegisterAsync(PaymentFixture.GatewayError);
        var good = await fixture.RegisterAsync(PaymentFixture.Approved);

        // Two authorisations of three attempts each: six failures, above the minimum throughput of four.
        for (var i = 0; i < 2; i++)
        {
            var failed = await PaymentFixture.Payment(services, p =>
                p.AuthorizeAsync(new AuthorizePayment(Guid.NewGuid(), failing, 100, "EUR"), CancellationToken.None));
            Assert.Equal(PaymentOutcome.GatewayError, failed.Outcome);
        }

        var paymentId = Guid.NewGuid();
        var blocked = await PaymentFixture.Payment(services, p =>
            p.AuthorizeAsync(new AuthorizePayment(paymentId, good, 100, "EUR"), CancellationToken.None));

        // A card the gateway approves comes back as a gateway error: the call never reached the gateway.
        Assert.Equal((PaymentOutcome.GatewayError, PaymentStatus.Pending), (blocked.Outcome, blocked.Status));
        Assert.Equal("PENDING", await fixture.StatusAsync(paymentId));
        Assert.Contains(fixture.Logs.Lines, line => line.Contains("circuit opened"));
        Assert.Contains(fixture.Logs.Lines, line => line.Contains("circuit open") && line.Contains("not attempted"));

        // Another composition (another process) with a closed circuit authorises the same payment under the same key.
        var later = await fixture.Payment(p => p.AuthorizeAsync(new AuthorizePayment(paymentId, good, 100, "EUR"), CancellationToken.None));
        Assert.Equal(PaymentStatus.Authorized, later.Status);
    }

    [Fact]
    public async Task A_capture_that_hangs_times_out_per_attempt_and_is_a_gateway_error()
    {
        await using var services = fixture.Compose(("Payment:Gateway:Timeout", "00:00:00.200"));
        var (paymentId, _) = await fixture.AuthorizeNewAsync(PaymentFixture.CaptureHangs);

        var result = await PaymentFixture.Payment(services, p => p.CaptureAsync(paymentId, CancellationToken.None));

        Assert.Equal((PaymentOutcome.GatewayError, PaymentStatus.Authorized), (result.Outcome, result.Status));
        Assert.Equal("AUTHORIZED", await fixture.StatusAsync(paymentId));
        Assert.Contains(fixture.Logs.Lines, line => line.Contains("did not answer the capture in time"));
    }
}

public sealed class PaymentOptionsTests(PaymentFixture fixture) : IClassFixture<PaymentFixture>
{
    [Fact]
    public async Task Invalid_gateway_settings_are_refused_naming_each_setting()
    {
        await using var services = fixture.Compose(("Payment:Gateway:Timeout", "00:00:00"), ("Payment:Gateway:MaxRetries", "5"));

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Infrastructure.PaymentOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("Payment:Gateway:Timeout", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Payment:Gateway:MaxRetries must be 0..2, got 5", StringComparison.Ordinal));
    }
}
