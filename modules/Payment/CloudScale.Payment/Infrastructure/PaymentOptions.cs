namespace CloudScale.Payment.Infrastructure;

/// <summary>Settings of section <c>Payment</c>.</summary>
internal sealed class PaymentOptions
{
    public const string SectionName = "Payment";

    public GatewayOptions Gateway { get; set; } = new();

    /// <summary>Every problem with these settings, each naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var g = Gateway;
        const string prefix = $"{SectionName}:{nameof(Gateway)}:";
        if (g.Timeout <= TimeSpan.Zero || g.Timeout > TimeSpan.FromMinutes(2))
        {
            errors.Add($"{prefix}{nameof(g.Timeout)} must be more than 00:00:00 and at most 00:02:00, got {g.Timeout}");
        }

        if (g.MaxRetries is < 0 or > 2)
        {
            errors.Add($"{prefix}{nameof(g.MaxRetries)} must be 0..2, got {g.MaxRetries}");
        }

        if (g.RetryDelay <= TimeSpan.Zero || g.RetryDelay > TimeSpan.FromSeconds(30))
        {
            errors.Add($"{prefix}{nameof(g.RetryDelay)} must be positive and at most 00:00:30, got {g.RetryDelay}");
        }

        if (g.BreakerFailureRatio is <= 0 or > 1)
        {
            errors.Add($"{prefix}{nameof(g.BreakerFailureRatio)} must be greater than 0 and at most 1, got {g.BreakerFailureRatio}");
        }

        if (g.BreakerMinimumThroughput < 2)
        {
            errors.Add($"{prefix}{nameof(g.BreakerMinimumThroughput)} must be 2 or more, got {g.BreakerMinimumThroughput}");
        }

        if (g.BreakerSamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"{prefix}{nameof(g.BreakerSamplingDuration)} must be at least 00:00:00.5, got {g.BreakerSamplingDuration}");
        }

        if (g.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"{prefix}{nameof(g.BreakDuration)} must be at least 00:00:00.5, got {g.BreakDuration}");
        }

        return errors;
    }

    /// <summary>Settings of <c>Payment:Gateway</c>: how the card gateway is called.</summary>
    internal sealed class GatewayOptions
    {
        /// <summary>Per attempt: a call that has not answered by then is abandoned (and retried when keyed).</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Retries after the first attempt of a keyed call (0..2).</summary>
        public int MaxRetries { get; set; } = 2;

        /// <summary>Base of the exponential, jittered backoff between attempts.</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

        /// <summary>Share of failed attempts within <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
        public double BreakerFailureRatio { get; set; } = 0.5;

        /// <summary>Attempts within <see cref="BreakerSamplingDuration"/> before the ratio counts.</summary>
        public int BreakerMinimumThroughput { get; set; } = 10;

        public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How long an open circuit fails calls at once before letting one through to probe.</summary>
        public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
    }
}
