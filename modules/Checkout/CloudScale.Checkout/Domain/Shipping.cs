namespace CloudScale.Checkout.Domain;

/// <summary>The shipping rule: free from <see cref="FreeFromCents"/>, a flat <see cref="FlatCents"/> below it.</summary>
internal static class Shipping
{
    public const long FreeFromCents = 5000;

    public const long FlatCents = 499;

    public static long For(long subtotalCents) => subtotalCents >= FreeFromCents ? 0 : FlatCents;
}
