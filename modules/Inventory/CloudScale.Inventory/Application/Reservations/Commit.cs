using CloudScale.BuildingBlocks.Modules;
using CloudScale.Inventory.Contracts;

namespace CloudScale.Inventory.Application.Reservations;

internal sealed record Commit(Guid ReservationId) : ICommand<CommitResult>;
