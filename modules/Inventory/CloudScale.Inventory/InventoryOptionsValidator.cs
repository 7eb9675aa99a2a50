using CloudScale.Inventory.Domain;
using Microsoft.Extensions.Options;

namespace CloudScale.Inventory;

/// <summary>Checked at start (ValidateOnStart); every message names the setting and the allowed range.</summary>
internal sealed class InventoryOptionsValidator : IValidateOptions<InventoryOptions>
{
    public ValidateOptionsResult Validate(string? name, InventoryOptions options)
    {
        const string s = InventoryOptions.SectionName;
        var errors = new List<string>();
        if (options.ReservationTtl < ReservationLimits.MinHold || options.ReservationTtl > ReservationLimits.MaxHold)
        {
            errors.Add($"{s}:ReservationTtl must be {ReservationLimits.MinHold}..{ReservationLimits.MaxHold}, got {options.ReservationTtl}");
        }

        if (options.SweepInterval < TimeSpan.FromMilliseconds(100) || options.SweepInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{s}:SweepInterval must be 00:00:00.1..01:00:00, got {options.SweepInterval}");
        }

        if (options.SweepBatchSize is < 1 or > 1000)
        {
            errors.Add($"{s}:SweepBatchSize must be 1..1000, got {options.SweepBatchSize}");
        }

        var legacy = options.Legacy;
        if (legacy.BaseAddress is { } address && (!address.IsAbsoluteUri || address.Scheme is not ("http" or "https")))
        {
            errors.Add($"{s}:Legacy:BaseAddress must be an absolute http(s) URL such as http://localhost:8081, got '{address}'");
        }

        if (legacy.Parallelism is < 1 or > 64)
        {
            errors.Add($"{s}:Legacy:Parallelism must be 1..64, got {legacy.Parallelism}");
        }

        if (legacy.PageSize is < 1 or > 100)
        {
            errors.Add($"{s}:Legacy:PageSize must be 1..100 (the legacy API's limit), got {legacy.PageSize}");
        }

        if (legacy.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{s}:Legacy:Timeout must be positive, got {legacy.Timeout}");
        }

        if (legacy.StockTimeout < TimeSpan.FromMilliseconds(100) || legacy.StockTimeout > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{s}:Legacy:StockTimeout must be 00:00:00.1..00:01:00, got {legacy.StockTimeout}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
