using CloudScale.BuildingBlocks.Modules;

namespace CloudScale.Inventory.Application.Reservations;

/// <summary>Expires up to <paramref name="BatchSize"/> holds past their expiry; answers how many.</summary>
internal sealed record ExpireDueReservations(int BatchSize) : ICommand<int>;
