using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.Inventory.Domain;

namespace CloudScale.Inventory.Application.Reservations;

internal sealed class ReleaseValidator : IValidator<Release>
{
    public void Validate(Release request, FieldErrors errors)
    {
        errors.Check(request.ReservationId != Guid.Empty, "reservationId", "reservationId must be a non-empty id");
        errors.Check(!string.IsNullOrWhiteSpace(request.Reason) && request.Reason.Length <= ReservationLimits.MaxReasonLength, "reason",
            $"reason must be 1..{ReservationLimits.MaxReasonLength} characters saying why (e.g. payment_declined), got '{request.Reason}'");
    }
}
