using CloudScale.BuildingBlocks.Modules;
using CloudScale.Inventory.Contracts;

namespace CloudScale.Inventory.Application.Reservations;

internal sealed record Release(Guid ReservationId, string Reason) : ICommand<ReservationState>;
