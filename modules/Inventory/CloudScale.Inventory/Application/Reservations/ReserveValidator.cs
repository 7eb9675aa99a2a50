using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.Inventory.Domain;

namespace CloudScale.Inventory.Application.Reservations;

internal sealed class ReserveValidator : IValidator<Reserve>
{
    public void Validate(Reserve request, FieldErrors errors)
    {
        var stock = request.Stock;
        if (stock is null)
        {
            errors.Add("request", "the reservation request is required");
            return;
        }

        errors.Check(stock.ReservationId != Guid.Empty, "reservationId", "reservationId must be a non-empty id chosen by the caller");
        errors.Check(stock.Reference is null || stock.Reference.Length <= ReservationLimits.MaxReferenceLength, "reference",
            $"reference must be at most {ReservationLimits.MaxReferenceLength} characters, got {stock.Reference?.Length}");
        if (stock.HoldFor is { } holdFor)
        {
            errors.Check(holdFor >= ReservationLimits.MinHold && holdFor <= ReservationLimits.MaxHold, "holdFor",
                $"holdFor must be {ReservationLimits.MinHold}..{ReservationLimits.MaxHold}, got {holdFor}");
        }

        if (stock.Lines is null || stock.Lines.Count == 0)
        {
            errors.Add("lines", "lines must hold at least one product to reserve");
            return;
        }

        errors.Check(stock.Lines.Count <= ReservationLimits.MaxLines, "lines",
            $"lines may hold at most {ReservationLimits.MaxLines} products, got {stock.Lines.Count}");
        var seen = new HashSet<Guid>();
        for (var i = 0; i < stock.Lines.Count; i++)
        {
            var line = stock.Lines[i];
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

            errors.Check(line.Quantity is >= ReservationLimits.MinQuantity and <= ReservationLimits.MaxQuantity, $"lines[{i}].quantity",
                $"lines[{i}].quantity must be {ReservationLimits.MinQuantity}..{ReservationLimits.MaxQuantity}, got {line.Quantity}");
        }
    }
}
