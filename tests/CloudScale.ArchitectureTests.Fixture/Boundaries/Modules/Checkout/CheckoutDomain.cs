// Checkout's domain: one clean value, and one that knows it is stored in PostgreSQL.
using Npgsql;

namespace Fixture.Checkout.Domain;

internal sealed record Money(long Cents, string Currency);

internal static class OrderNumbers
{
    public static long Next(Func<long> draw)
    {
        try
        {
            return draw();
        }
        catch (PostgresException)
        {
            return -1;
        }
    }
}
