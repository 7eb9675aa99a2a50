using CloudScale.BuildingBlocks.Http;


namespace CloudScale.BuildingBlocks.ShopperApi;

public static class ShippingAddress
{
    private const int MaxFieldLength = 200;

    public static void Validate(AddressDto? address, FieldErrors errors)
    {
        if (address is null)
        {
            errors.Add("shippingAddress", "shippingAddress {name, line1, city, postalCode, country} is required");
            return;
        }

        Required(address.Name, "shippingAddress.name", errors);
        Required(address.Line1, "shippingAddress.line1", errors);
        Required(address.City, "shippingAddress.city", errors);
        Required(address.PostalCode, "shippingAddress.postalCode", errors);
        errors.Check(FreeText.IsValidOptional(address.Line2, MaxFieldLength), "shippingAddress.line2",
            $"shippingAddress.line2 must be at most {MaxFieldLength} characters, without control characters");
        errors.Check(address.Country is { Length: 2 } c && c.All(char.IsAsciiLetterUpper), "shippingAddress.country",
            $"shippingAddress.country must be an ISO 3166 two-letter code like 'US', got '{address.Country}'");
    }

    private static void Required(string? value, string field, FieldErrors errors) =>
        errors.Check(FreeText.IsValid(value, MaxFieldLength), field, $"{field} must be 1..{MaxFieldLength} characters, without control characters");
}
