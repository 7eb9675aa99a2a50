using System.Text.Json;

namespace CloudScale.BuildingBlocks.Avro;

/// <summary>An enum: named, encoded as the zero-based index of its symbol.</summary>
public sealed class EnumSchema : NamedSchema
{
    private readonly Dictionary<string, int> _indexes;

    internal EnumSchema(
        string name,
        string? @namespace,
        IReadOnlyList<string> aliases,
        string? doc,
        IReadOnlyList<string> symbols,
        string? @default,
        IReadOnlyDictionary<string, JsonElement> properties)
        : base(AvroType.Enum, name, @namespace, aliases, doc, logicalType: null, properties)
    {
        Symbols = symbols;
        Default = @default;
        _indexes = symbols.Select((symbol, index) => (symbol, index)).ToDictionary(p => p.symbol, p => p.index, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The symbol a reader uses for writer symbols it does not know, or null (then such data cannot be read).</summary>
    public string? Default { get; }

    /// <summary>The symbol's index, or -1 when it is not a symbol of this enum.</summary>
    public int IndexOf(string symbol) => _indexes.GetValueOrDefault(symbol, -1);

    internal override string Describe() => $"enum {FullName}";
}
