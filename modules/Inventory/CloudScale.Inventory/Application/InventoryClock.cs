namespace CloudScale.Inventory.Application;

internal static class InventoryClock
{
    /// <summary>
    /// Now, cut to whole milliseconds: the precision events carry (timestamp-millis) and below what PostgreSQL keeps,
    /// so a time returned to a caller equals the time stored and the time a repeat of the request returns.
    /// </summary>
    public static DateTimeOffset Now(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
