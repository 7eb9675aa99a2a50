namespace CloudScale.BuildingBlocks.ShopperApi;

/// <summary>Card number checks done before anything reaches the gateway.</summary>
public static class CardNumber
{
    /// <summary>Strips spaces and dashes; null when anything else but digits remains.</summary>
    public static string? Normalize(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var digits = raw.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    public static string Brand(string digits) => digits switch
    {
        _ when digits.StartsWith('4') => "visa",
        _ when digits.Length >= 2 && int.Parse(digits[..2]) is >= 51 and <= 55 => "mastercard",
        _ when digits.Length >= 4 && int.Parse(digits[..4]) is >= 2221 and <= 2720 => "mastercard",
        _ when digits.StartsWith("34", StringComparison.Ordinal) || digits.StartsWith("37", StringComparison.Ordinal) => "amex",
        _ when digits.StartsWith("6011", StringComparison.Ordinal) || digits.StartsWith("65", StringComparison.Ordinal) => "discover",
        _ => "unknown",
    };
}
