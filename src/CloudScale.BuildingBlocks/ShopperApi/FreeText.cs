namespace CloudScale.BuildingBlocks.ShopperApi;

/// <summary>Rules for text a shopper types (names, addresses).</summary>
public static class FreeText
{
    /// <summary>
    /// 1..<paramref name="maxLength"/> characters, not blank, no control characters: a NUL in particular cannot be
    /// stored in PostgreSQL text or jsonb, and nothing a person types needs the others.
    /// </summary>
    public static bool IsValid(string? value, int maxLength) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= maxLength && !value.Any(char.IsControl);

    /// <summary>Like <see cref="IsValid"/>, for fields that may be left out.</summary>
    public static bool IsValidOptional(string? value, int maxLength) => value is null || (value.Length <= maxLength && !value.Any(char.IsControl));
}
