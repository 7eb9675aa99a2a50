using CloudScale.BuildingBlocks.Http;

namespace CloudScale.BuildingBlocks.ShopperApi;

public static class Ids
{
    /// <summary>A route id that is not a UUID cannot name anything, so it is reported as not found.</summary>
    public static Guid ParseRoute(string raw, string notFoundCode, string noun) =>
        Guid.TryParse(raw, out var id) ? id : throw ApiException.NotFound(notFoundCode, $"No {noun} with id '{raw}'.");

    /// <summary>Parses a body field that must hold a UUID, recording a field error otherwise.</summary>
    public static Guid ParseField(string? raw, string field, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(raw))
        {
            errors.Add(field, $"{field} is required");
            return Guid.Empty;
        }

        if (!Guid.TryParse(raw, out var id))
        {
            errors.Add(field, $"{field} must be a UUID, got '{Truncate(raw)}'");
        }

        return id;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
