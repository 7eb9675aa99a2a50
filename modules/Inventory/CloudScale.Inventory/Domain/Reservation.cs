namespace CloudScale.Inventory.Domain;

/// <summary>
/// Stock held for one caller-chosen id. Only a <see cref="ReservationStatus.Held"/> reservation changes: it ends
/// exactly once, as committed (sold), released (given back on request) or expired (given back by time). Only
/// successful holds exist: a reservation refused for shortage is never created.
/// </summary>
internal sealed class Reservation
{
    private readonly List<ReservationLine> lines = [];

    private Reservation()
    {
    }

    public Guid ReservationId { get; private set; }

    public ReservationStatus Status { get; private set; }

    public string? Reference { get; private set; }

    public string? ReleaseReason { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<ReservationLine> Lines => lines;

    public bool IsDue(DateTimeOffset now) => Status == ReservationStatus.Held && now >= ExpiresAt;

    /// <summary>
    /// Holds every line or nothing. <paramref name="stock"/> must hold the (locked) stock item of every line; the
    /// shortages are returned, and nothing is changed, when any line does not fit.
    /// </summary>
    public static (Reservation? Reservation, IReadOnlyList<Shortage> Shortages) TryHold(
        Guid reservationId,
        IReadOnlyList<(Guid ProductId, int Quantity)> wanted,
        IReadOnlyDictionary<Guid, StockItem> stock,
        string? reference,
        TimeSpan holdFor,
        DateTimeOffset now)
    {
        var shortages = wanted
            .Where(line => !stock[line.ProductId].CanHold(line.Quantity))
            .Select(line => new Shortage(line.ProductId, line.Quantity, stock[line.ProductId].Available))
            .ToList();
        if (shortages.Count > 0)
        {
            return (null, shortages);
        }

        var reservation = new Reservation
        {
            ReservationId = reservationId,
            Status = ReservationStatus.Held,
            Reference = reference,
            ExpiresAt = now + holdFor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var (productId, quantity) in wanted)
        {
            stock[productId].Hold(quantity, now);
            reservation.lines.Add(new ReservationLine(reservationId, productId, quantity));
        }

        return (reservation, []);
    }

    /// <summary>Gives the held stock back; false (and no change) unless it is still held.</summary>
    public bool Release(string reason, IReadOnlyDictionary<Guid, StockItem> stock, DateTimeOffset now) =>
        End(ReservationStatus.Released, reason, stock, now, (item, quantity) => item.Unhold(quantity, now));

    /// <summary>Gives the held stock back because time ran out; false (and no change) unless it is still held.</summary>
    public bool Expire(IReadOnlyDictionary<Guid, StockItem> stock, DateTimeOffset now) =>
        End(ReservationStatus.Expired, ExpiredReason, stock, now, (item, quantity) => item.Unhold(quantity, now));

    /// <summary>Sells the held stock; false (and no change) unless it is still held.</summary>
    public bool Commit(IReadOnlyDictionary<Guid, StockItem> stock, DateTimeOffset now) =>
        End(ReservationStatus.Committed, null, stock, now, (item, quantity) => item.Sell(quantity, now));

    public const string ExpiredReason = "expired";

    private bool End(ReservationStatus to, string? reason, IReadOnlyDictionary<Guid, StockItem> stock, DateTimeOffset now, Action<StockItem, int> apply)
    {
        if (Status != ReservationStatus.Held)
        {
            return false;
        }

        foreach (var line in lines)
        {
            apply(stock[line.ProductId], line.Quantity);
        }

        Status = to;
        ReleaseReason = reason;
        UpdatedAt = now;
        return true;
    }
}
