using CloudScale.BuildingBlocks.Http;

namespace CloudScale.BuildingBlocks.Control;

/// <summary>
/// The internal stock API's input rules, enforced alike by both owners so a caller sees the same refusals whichever
/// side it reaches: quantity 1..999, at most <see cref="MaxLines"/> lines, each product once, a hold of
/// <see cref="MinHoldSeconds"/>..<see cref="MaxHoldSeconds"/> s. Every violation is a 400 <c>validation_failed</c>
/// naming the field, thrown before anything is locked.
/// </summary>
public static class InternalStockRequests
{
    public const int MinQuantity = 1;
    public const int MaxQuantity = 999;
    public const int MaxLines = 50;
    public const int MaxLevelProducts = 200;
    public const int MaxReferenceLength = 200;
    public const int MaxReasonLength = 100;
    public const int MinHoldSeconds = 1;
    public const int MaxHoldSeconds = 3600;

    /// <summary>What a release without a reason is recorded as.</summary>
    public const string DefaultReleaseReason = "released";

    public static InternalReserveRequest Validate(InternalReserveRequest? request)
    {
        var errors = new FieldErrors();
        if (request is null)
        {
            errors.Add("body", "a JSON body {reservationId, lines, reference, holdForSeconds} is required");
            errors.ThrowIfAny();
        }

        errors.Check(request!.ReservationId != Guid.Empty, "reservationId", "reservationId must be a non-empty id chosen by the caller");
        errors.Check(request.Reference is null || request.Reference.Length <= MaxReferenceLength, "reference",
            $"reference must be at most {MaxReferenceLength} characters, got {request.Reference?.Length}");
        errors.Check(request.HoldForSeconds is null or >= MinHoldSeconds and <= MaxHoldSeconds, "holdForSeconds",
            $"holdForSeconds must be {MinHoldSeconds}..{MaxHoldSeconds} (or left out for the default), got {request.HoldForSeconds}");
        if (request.Lines is null || request.Lines.Count == 0)
        {
            errors.Add("lines", "lines must hold at least one product to reserve");
            errors.ThrowIfAny();
        }

        errors.Check(request.Lines!.Count <= MaxLines, "lines", $"lines may hold at most {MaxLines} products, got {request.Lines.Count}");
        var seen = new HashSet<Guid>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            if (request.Lines[i] is not { } line)
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
        return request;
    }

    public static InternalAvailabilityRequest Validate(InternalAvailabilityRequest? request)
    {
        var errors = new FieldErrors();
        errors.Check(request?.ProductIds is { Count: > 0 }, "productIds", "productIds must name at least one product");
        errors.Check(request?.ProductIds is null || request.ProductIds.Count <= MaxLevelProducts, "productIds",
            $"productIds may name at most {MaxLevelProducts} products, got {request?.ProductIds?.Count}");
        errors.ThrowIfAny();
        return request!;
    }

    /// <summary>The reason to store for a release; absent means <see cref="DefaultReleaseReason"/>.</summary>
    public static string ReleaseReason(InternalReleaseRequest? request)
    {
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? DefaultReleaseReason : request.Reason;
        new FieldErrors()
            .Check(reason.Length <= MaxReasonLength, "reason", $"reason must be at most {MaxReasonLength} characters, got {reason.Length}")
            .ThrowIfAny();
        return reason;
    }

    /// <summary>The route's reservation id, or a 400 naming it.</summary>
    public static Guid ReservationId(string value)
    {
        var ok = Guid.TryParse(value, out var id) && id != Guid.Empty;
        new FieldErrors().Check(ok, "reservationId", $"reservationId must be a non-empty uuid, got '{value}'").ThrowIfAny();
        return id;
    }

    /// <summary>The 409 every side answers when asked for stock it does not own; the body names the owner.</summary>
    public static ApiException OwnerMoved(StockOwnerMovedException moved) =>
        ApiException.Conflict(InternalStockApi.OwnerMovedCode, moved.Message,
            new Dictionary<string, object?> { ["owner"] = StockOwnership.ToWire(moved.Owner) });
}
