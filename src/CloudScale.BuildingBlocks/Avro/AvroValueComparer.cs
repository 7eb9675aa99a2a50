using System.Collections;
using System.Globalization;
using System.Text;

namespace CloudScale.BuildingBlocks.Avro;

/// <summary>
/// Deep equality of values as this codec reads and writes them: byte arrays by content, lists by items,
/// dictionaries by entries, records/enums/fixed by schema name and content, anything else by Equals (so an
/// int never equals a long, and 1.50m equals 1.5m).
/// </summary>
public sealed class AvroValueComparer : IEqualityComparer<object?>
{
    public static readonly AvroValueComparer Instance = new();

    private AvroValueComparer()
    {
    }

    public new bool Equals(object? x, object? y) => (x, y) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (IDictionary a, IDictionary b) => a.Count == b.Count && a.Keys.Cast<object>().All(k => b.Contains(k) && Equals(a[k], b[k])),
        (IList a, IList b) => a.Count == b.Count && Enumerable.Range(0, a.Count).All(i => Equals(a[i], b[i])),
        _ => x.Equals(y),
    };

    public int GetHashCode(object? obj) => obj switch
    {
        null => 0,
        byte[] bytes => bytes.Length,
        ICollection collection => collection.Count,
        _ => obj.GetHashCode(),
    };

    /// <summary>JSON-like text for messages: longs get an L, bytes are hex, timestamps ISO 8601.</summary>
    public static string Format(object? value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                text.Append('"').Append(s).Append('"');
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case long l:
                text.Append(l.ToString(CultureInfo.InvariantCulture)).Append('L');
                break;
            case byte[] bytes:
                text.Append("0x").Append(Convert.ToHexStringLower(bytes));
                break;
            case DateTime dateTime:
                text.Append(dateTime.ToString("O", CultureInfo.InvariantCulture));
                break;
            case GenericRecord record:
                text.Append('{');
                AppendEntries(text, record.Schema.Fields.Select(f => KeyValuePair.Create((object)f.Name, record.IsSet(f.Position) ? record[f.Position] : "<unset>")));
                text.Append('}');
                break;
            case IDictionary map:
                text.Append('{');
                AppendEntries(text, map.Keys.Cast<object>().Select(k => KeyValuePair.Create(k, map[k])));
                text.Append('}');
                break;
            case IList list:
                text.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    text.Append(i == 0 ? "" : ", ");
                    Append(text, list[i]);
                }

                text.Append(']');
                break;
            case IFormattable formattable:
                text.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(value);
                break;
        }
    }

    private static void AppendEntries(StringBuilder text, IEnumerable<KeyValuePair<object, object?>> entries)
    {
        var first = true;
        foreach (var (key, value) in entries)
        {
            text.Append(first ? "\"" : ", \"").Append(key).Append("\": ");
            Append(text, value);
            first = false;
        }
    }
}
