using CloudScale.BuildingBlocks.Modules;
using CloudScale.Inventory.Contracts;

namespace CloudScale.Inventory.Application.Reservations;

internal sealed record Reserve(ReserveStock Stock) : ICommand<ReservationResult>;
