using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;

namespace CloudScale.Legacy.Stock;

/// <summary>The bounds of internal stock API requests; a request outside them is a 400 before anything is locked.</summary>
internal static class StockRequestValidation
{
    public const int MinQuantity = 1;
    public const int MaxQuantity = 999;
    public const int MaxLines = 50;
    public const int MaxLevelProducts = 200;
    public const int MaxReferenceLength = 200;
    public const int MaxReasonLength = 100;
    public const int MinHoldSeconds = 1;
    public const int MaxHoldSeconds = 3600;

    public static void Validate(InternalReserveRequest? request)
    {
        var errors = new FieldErrors();
        if (request is null)
        {
            errors.Add("body", "a JSON body {reservationId, lines, reference, holdForSeconds} is required");
            errors.ThrowIfAny();
            return;
        }

        errors.Check(request.ReservationId != Guid.Empty, "reservationId", "reservationId must be a non-empty id chosen by the caller");
        errors.Check(request.Reference is null || request.Reference.Length <= MaxReferenceLength, "reference",
            $"reference must be at most {MaxReferenceLength} characters, got {request.Reference?.Length}");
        errors.Check(request.HoldForSeconds is null or >= MinHoldSeconds and <= MaxHoldSeconds, "holdForSeconds",
            $"holdForSeconds must be {MinHoldSeconds}..{MaxHoldSeconds} (or left out for the default), got {request.HoldForSeconds}");
        if (request.Lines is null || request.Lines.Count == 0)
        {
            errors.Add("lines", "lines must hold at least one product to reserve");
            errors.ThrowIfAny();
            return;
        }

        errors.Check(request.Lines.Count <= MaxLines, "lines", $"lines may hold at most {MaxLines} products, got {request.Lines.Count}");
        var seen = new HashSet<Guid>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            if (line is null)
            {
                errors.Add($"lines[{i}]", $"lines[{i}] is required");
                continue;
            }

            if (line.ProductId == Guid.Empty)
            {
                errors.Add($"lines[{i}].productId", $"lines[{i}].productId must be a non-empty product id");
            }
            else if (!seen.Add(line.ProductId))
            {
                errors.Add($"lines[{i}].productId", $"lines[{i}].productId names product {line.ProductId} again; put its whole quantity on one line");
            }

            errors.Check(line.Quantity is >= MinQuantity and <= MaxQuantity, $"lines[{i}].quantity",
                $"lines[{i}].quantity must be {MinQuantity}..{MaxQuantity}, got {line.Quantity}");
        }

        errors.ThrowIfAny();
    }

    public static void Validate(InternalAvailabilityRequest? request)
    {
        var errors = new FieldErrors();
        errors.Check(request?.ProductIds is { Count: > 0 }, "productIds", "productIds must name at least one product");
        errors.Check(request?.ProductIds is null || request.ProductIds.Count <= MaxLevelProducts, "productIds",
            $"productIds may name at most {MaxLevelProducts} products, got {request?.ProductIds?.Count}");
        errors.ThrowIfAny();
    }

    /// <summary>The reason to store for a release; absent means a plain release.</summary>
    public static string ReleaseReason(InternalReleaseRequest? request)
    {
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? "released" : request.Reason;
        new FieldErrors()
            .Check(reason.Length <= MaxReasonLength, "reason", $"reason must be at most {MaxReasonLength} characters, got {reason.Length}")
            .ThrowIfAny();
        return reason;
    }
}
