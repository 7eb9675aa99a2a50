using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;

namespace CloudScale.Inventory.Application.Reservations;

internal sealed class CommitValidator : IValidator<Commit>
{
    public void Validate(Commit request, FieldErrors errors) =>
        errors.Check(request.ReservationId != Guid.Empty, "reservationId", "reservationId must be a non-empty id");
}
