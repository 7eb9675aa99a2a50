namespace CloudScale.BuildingBlocks.Avro.Parsing;

/// <summary>The specification's 64-bit Rabin fingerprint (CRC-64-AVRO) of a schema's canonical form.</summary>
internal static class RabinFingerprint
{
    // The specification's initial value; it also prepends a one bit so leading zero bytes still count.
    private const ulong Empty = 0xc15d213aa4d7a795;

    private static readonly ulong[] Table = CreateTable();

    public static long Compute(ReadOnlySpan<byte> data)
    {
        var fingerprint = Empty;
        foreach (var b in data)
        {
            fingerprint = (fingerprint >> 8) ^ Table[(int)(fingerprint ^ b) & 0xff];
        }

        return (long)fingerprint;
    }

    private static ulong[] CreateTable()
    {
        var table = new ulong[256];
        for (var i = 0; i < table.Length; i++)
        {
            var fingerprint = (ulong)i;
            for (var bit = 0; bit < 8; bit++)
            {
                fingerprint = (fingerprint >> 1) ^ (Empty & (0UL - (fingerprint & 1)));
            }

            table[i] = fingerprint;
        }

        return table;
    }
}
