using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Domain;

namespace CloudScale.Inventory.Infrastructure.InternalApi;

/// <summary>
/// The internal stock API's limits, which both owners enforce alike so the gateway sees the same refusals whichever
/// side it calls: quantity 1..999, at most <see cref="MaxLines"/> lines, each product once, a hold of
/// <see cref="MinHoldSeconds"/>..<see cref="MaxHoldSeconds"/> seconds. Tighter than the module's own (a checkout never
/// needs more); everything else is left to the module's validators.
/// </summary>
internal static class InternalStockValidation
{
    public const int MaxLines = 50;
    public const int MinHoldSeconds = 1;
    public const int MaxHoldSeconds = 3600;

    /// <summary>The request in the module's terms, or a 400 <c>validation_failed</c> naming every bad field.</summary>
    public static ReserveStock ToReserve(InternalReserveRequest? body)
    {
        var errors = new FieldErrors();
        if (body is null)
        {
            errors.Add("body", "a JSON body {reservationId, lines, reference?, holdForSeconds?} is required");
            errors.ThrowIfAny();
        }

        errors.Check(body!.ReservationId != Guid.Empty, "reservationId", "reservationId must be a non-empty id chosen by the caller");
        errors.Check(body.Reference is null || body.Reference.Length <= ReservationLimits.MaxReferenceLength, "reference",
            $"reference must be at most {ReservationLimits.MaxReferenceLength} characters, got {body.Reference?.Length}");
        errors.Check(body.HoldForSeconds is null or (>= MinHoldSeconds and <= MaxHoldSeconds), "holdForSeconds",
            $"holdForSeconds must be {MinHoldSeconds}..{MaxHoldSeconds}, got {body.HoldForSeconds}");
        if (body.Lines is null || body.Lines.Count == 0)
        {
            errors.Add("lines", "lines must hold at least one product to reserve");
        }
        else
        {
            errors.Check(body.Lines.Count <= MaxLines, "lines", $"lines may hold at most {MaxLines} products, got {body.Lines.Count}");
            var seen = new HashSet<Guid>();
            for (var i = 0; i < body.Lines.Count; i++)
            {
                if (body.Lines[i] is not { } line)
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

                errors.Check(line.Quantity is >= ReservationLimits.MinQuantity and <= ReservationLimits.MaxQuantity, $"lines[{i}].quantity",
                    $"lines[{i}].quantity must be {ReservationLimits.MinQuantity}..{ReservationLimits.MaxQuantity}, got {line.Quantity}");
            }
        }

        errors.ThrowIfAny();
        return new ReserveStock(
            body.ReservationId,
            body.Lines!.Select(line => new StockLine(line.ProductId, line.Quantity)).ToList(),
            body.Reference,
            body.HoldForSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
    }

    /// <summary>The route's reservation id, or a 400 <c>validation_failed</c> naming it.</summary>
    public static Guid ReservationId(string value)
    {
        var ok = Guid.TryParse(value, out var id) && id != Guid.Empty;
        new FieldErrors().Check(ok, "reservationId", $"reservationId must be a non-empty uuid, got '{value}'").ThrowIfAny();
        return id;
    }
}
