using System.Collections.Frozen;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace CloudScale.BuildingBlocks.Avro.Parsing;

/// <summary>
/// JSON to <see cref="Schema"/>, validating as it goes. Errors name a path built from the root type's name and
/// field names (<c>Order.items[].quantity</c>; <c>[]</c> array items, <c>{}</c> map values, <c>[branch 1]</c>
/// union branches).
/// </summary>
internal sealed class SchemaParser
{
    private static readonly FrozenSet<string> NamedAttributes = FrozenSet.Create(StringComparer.Ordinal, "type", "name", "namespace", "doc", "aliases");
    private static readonly FrozenSet<string> FieldAttributes = FrozenSet.Create(StringComparer.Ordinal, "name", "type", "doc", "default", "order", "aliases");

    private readonly Dictionary<string, NamedSchema> _named = new(StringComparer.Ordinal);
    private readonly List<(Field Field, string Path)> _fieldsWithDefaults = [];

    public static Schema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new AvroSchemaException($"invalid schema: not valid JSON ({e.Message})");
        }

        using (document)
        {
            var parser = new SchemaParser();
            var schema = parser.ParseSchema(document.RootElement, enclosingNamespace: null, path: "");

            // Only now: a default may be a record whose type was still being parsed when the field was read.
            foreach (var (field, path) in parser._fieldsWithDefaults)
            {
                field.DefaultBytes = DefaultValueEncoder.Encode(field, path);
            }

            return schema;
        }
    }

    private static AvroSchemaException Error(string path, string problem) =>
        new(path.Length == 0 ? $"invalid schema: {problem}" : $"invalid schema at {path}: {problem}");

    private Schema ParseSchema(JsonElement json, string? enclosingNamespace, string path) => json.ValueKind switch
    {
        JsonValueKind.String => ParseReference(json.GetString()!, enclosingNamespace, path),
        JsonValueKind.Array => ParseUnion(json, enclosingNamespace, path),
        JsonValueKind.Object => ParseObject(json, enclosingNamespace, path),
        _ => throw Error(path, $"expected a type name, an object or a union array, got {Describe(json)}"),
    };

    private Schema ParseReference(string name, string? enclosingNamespace, string path)
    {
        if (AvroNames.TryGetPrimitive(name, out var primitive))
        {
            return new PrimitiveSchema(primitive, logicalType: null, ReadOnlyDictionary<string, JsonElement>.Empty);
        }

        var fullName = AvroNames.Qualify(name, enclosingNamespace);
        return _named.TryGetValue(fullName, out var named)
            ? named
            : throw Error(path, $"unknown type '{name}'{(fullName == name ? "" : $" (looked up as '{fullName}')")}; a named type must be defined before it is used");
    }

    private Schema ParseObject(JsonElement json, string? enclosingNamespace, string path)
    {
        if (!json.TryGetProperty("type", out var typeJson))
        {
            throw Error(path, "missing 'type'");
        }

        if (typeJson.ValueKind != JsonValueKind.String)
        {
            throw Error(path, $"'type' must be a string naming a type, got {Describe(typeJson)}");
        }

        var type = typeJson.GetString()!;
        if (AvroNames.TryGetPrimitive(type, out var primitive))
        {
            var properties = Properties(json, FrozenSet.Create(StringComparer.Ordinal, "type"));
            return new PrimitiveSchema(primitive, DetectLogicalType(json, primitive, fixedSize: 0), properties);
        }

        return type switch
        {
            "record" => ParseRecord(json, enclosingNamespace, path),
            "enum" => ParseEnum(json, enclosingNamespace, path),
            "fixed" => ParseFixed(json, enclosingNamespace, path),
            "array" => new ArraySchema(
                ParseSchema(Required(json, "items", path), enclosingNamespace, path + "[]"),
                Properties(json, FrozenSet.Create(StringComparer.Ordinal, "type", "items"))),
            "map" => new MapSchema(
                ParseSchema(Required(json, "values", path), enclosingNamespace, path + "{}"),
                Properties(json, FrozenSet.Create(StringComparer.Ordinal, "type", "values"))),
            _ => ParseReference(type, enclosingNamespace, path),
        };
    }

    private UnionSchema ParseUnion(JsonElement json, string? enclosingNamespace, string path)
    {
        var branches = new List<Schema>();
        foreach (var branchJson in json.EnumerateArray())
        {
            var branchPath = $"{path}[branch {branches.Count}]";
            var branch = ParseSchema(branchJson, enclosingNamespace, branchPath);
            if (branch is UnionSchema)
            {
                throw Error(branchPath, "a union may not directly contain another union");
            }

            var duplicate = branches.Find(b => b.Type == branch.Type && (b is not NamedSchema named || named.FullName == ((NamedSchema)branch).FullName));
            if (duplicate is not null)
            {
                throw Error(branchPath, $"the union already has a {duplicate.Describe()} branch; a union may hold each unnamed type once and each name once");
            }

            branches.Add(branch);
        }

        return new UnionSchema(branches);
    }

    private RecordSchema ParseRecord(JsonElement json, string? enclosingNamespace, string path)
    {
        var (name, @namespace, aliases, doc, recordPath) = ParseNameParts(json, enclosingNamespace, path, "record");
        var record = new RecordSchema(name, @namespace, aliases, doc, Properties(json, NamedAttributes.Union(["fields"]).ToFrozenSet()));
        Register(record, recordPath);

        var fieldsJson = Required(json, "fields", recordPath);
        if (fieldsJson.ValueKind != JsonValueKind.Array)
        {
            throw Error(recordPath, $"'fields' must be an array, got {Describe(fieldsJson)}");
        }

        var fields = new List<Field>();
        foreach (var fieldJson in fieldsJson.EnumerateArray())
        {
            fields.Add(ParseField(fieldJson, fields, @namespace, recordPath));
        }

        record.SetFields(fields);
        return record;
    }

    private Field ParseField(JsonElement json, List<Field> fieldsSoFar, string? @namespace, string recordPath)
    {
        var position = fieldsSoFar.Count;
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Error(recordPath, $"field {position} must be an object, got {Describe(json)}");
        }

        var name = OptionalString(json, "name", recordPath)
            ?? throw Error(recordPath, $"field {position} is missing its 'name'");
        var path = $"{recordPath}.{name}";
        if (!AvroNames.IsValidName(name))
        {
            throw Error(path, $"'{name}' is not a valid field name (must match [A-Za-z_][A-Za-z0-9_]*)");
        }

        if (fieldsSoFar.Exists(f => f.Name == name))
        {
            throw Error(path, $"duplicate field '{name}'");
        }

        var schema = ParseSchema(Required(json, "type", path), @namespace, path);
        var order = OptionalString(json, "order", path) switch
        {
            null or "ascending" => SortOrder.Ascending,
            "descending" => SortOrder.Descending,
            "ignore" => SortOrder.Ignore,
            var other => throw Error(path, $"order must be ascending, descending or ignore, got '{other}'"),
        };
        JsonElement? defaultValue = json.TryGetProperty("default", out var defaultJson) ? defaultJson.Clone() : null;
        var field = new Field(
            name,
            position,
            schema,
            OptionalString(json, "doc", path),
            defaultValue,
            order,
            StringArray(json, "aliases", path) ?? [],
            Properties(json, FieldAttributes));
        if (defaultValue.HasValue)
        {
            _fieldsWithDefaults.Add((field, path));
        }

        return field;
    }

    private EnumSchema ParseEnum(JsonElement json, string? enclosingNamespace, string path)
    {
        var (name, @namespace, aliases, doc, enumPath) = ParseNameParts(json, enclosingNamespace, path, "enum");
        if (!json.TryGetProperty("symbols", out _))
        {
            throw Error(enumPath, "missing 'symbols'");
        }

        var symbols = StringArray(json, "symbols", enumPath)!;
        foreach (var symbol in symbols)
        {
            if (!AvroNames.IsValidName(symbol))
            {
                throw Error(enumPath, $"'{symbol}' is not a valid enum symbol (must match [A-Za-z_][A-Za-z0-9_]*)");
            }
        }

        if (symbols.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw Error(enumPath, $"duplicate enum symbol '{repeated.Key}'");
        }

        var @default = OptionalString(json, "default", enumPath);
        if (@default is not null && !symbols.Contains(@default, StringComparer.Ordinal))
        {
            throw Error(enumPath, $"default '{@default}' is not one of the symbols {string.Join(", ", symbols)}");
        }

        var schema = new EnumSchema(name, @namespace, aliases, doc, symbols, @default, Properties(json, NamedAttributes.Union(["symbols", "default"]).ToFrozenSet()));
        Register(schema, enumPath);
        return schema;
    }

    private FixedSchema ParseFixed(JsonElement json, string? enclosingNamespace, string path)
    {
        var (name, @namespace, aliases, doc, fixedPath) = ParseNameParts(json, enclosingNamespace, path, "fixed");
        var sizeJson = Required(json, "size", fixedPath);

        // The canonical form's [INTEGERS] rule implies sizes may arrive quoted.
        var size = sizeJson.ValueKind switch
        {
            JsonValueKind.Number when sizeJson.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(sizeJson.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => -1,
        };
        if (size < 0)
        {
            throw Error(fixedPath, $"'size' must be a non-negative integer, got {sizeJson.GetRawText()}");
        }

        var schema = new FixedSchema(name, @namespace, aliases, doc, size, DetectLogicalType(json, AvroType.Fixed, size), Properties(json, NamedAttributes.Union(["size"]).ToFrozenSet()));
        Register(schema, fixedPath);
        return schema;
    }

    private (string Name, string? Namespace, IReadOnlyList<string> Aliases, string? Doc, string Path) ParseNameParts(
        JsonElement json, string? enclosingNamespace, string path, string kind)
    {
        var declared = OptionalString(json, "name", path) ?? throw Error(path, $"{kind} is missing its 'name'");
        var lastDot = declared.LastIndexOf('.');
        var name = declared[(lastDot + 1)..];
        var @namespace = lastDot >= 0 ? declared[..lastDot] : json.TryGetProperty("namespace", out _) ? OptionalString(json, "namespace", path) : enclosingNamespace;
        if (@namespace?.Length == 0)
        {
            @namespace = null;
        }

        // The root type's name starts every path below it; nested types continue their field's path.
        var namedPath = path.Length == 0 ? name : path;
        if (!AvroNames.IsValidName(name) || (@namespace is not null && !AvroNames.IsValidNamespace(@namespace)))
        {
            throw Error(namedPath, $"'{declared}' is not a valid {kind} name (dot-separated parts matching [A-Za-z_][A-Za-z0-9_]*)");
        }

        if (AvroNames.TryGetPrimitive(name, out _))
        {
            throw Error(namedPath, $"'{name}' is a primitive type name and cannot name a {kind}");
        }

        var aliases = (StringArray(json, "aliases", namedPath) ?? []).Select(a => AvroNames.Qualify(a, @namespace)).ToArray();
        return (name, @namespace, aliases, OptionalString(json, "doc", namedPath), namedPath);
    }

    private void Register(NamedSchema schema, string path)
    {
        if (!_named.TryAdd(schema.FullName, schema))
        {
            throw Error(path, $"'{schema.FullName}' is defined twice; define it once and refer to it by name");
        }
    }

    /// <summary>
    /// Invalid or misplaced logical types are ignored (the specification's rule): the underlying type is used.
    /// </summary>
    private static LogicalType? DetectLogicalType(JsonElement json, AvroType type, int fixedSize)
    {
        if (!json.TryGetProperty("logicalType", out var nameJson) || nameJson.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var name = nameJson.GetString()!;
        return (name, type) switch
        {
            ("decimal", AvroType.Bytes or AvroType.Fixed) => DetectDecimal(json, type, fixedSize),
            ("uuid", AvroType.String) => new LogicalType(LogicalTypeKind.Uuid, name),
            ("date", AvroType.Int) => new LogicalType(LogicalTypeKind.Date, name),
            ("time-millis", AvroType.Int) => new LogicalType(LogicalTypeKind.TimeMillis, name),
            ("time-micros", AvroType.Long) => new LogicalType(LogicalTypeKind.TimeMicros, name),
            ("timestamp-millis", AvroType.Long) => new LogicalType(LogicalTypeKind.TimestampMillis, name),
            ("timestamp-micros", AvroType.Long) => new LogicalType(LogicalTypeKind.TimestampMicros, name),
            _ => null,
        };
    }

    private static LogicalType? DetectDecimal(JsonElement json, AvroType type, int fixedSize)
    {
        if (!json.TryGetProperty("precision", out var precisionJson)
            || precisionJson.ValueKind != JsonValueKind.Number
            || !precisionJson.TryGetInt32(out var precision)
            || precision <= 0)
        {
            return null;
        }

        var scale = 0;
        if (json.TryGetProperty("scale", out var scaleJson)
            && (scaleJson.ValueKind != JsonValueKind.Number || !scaleJson.TryGetInt32(out scale) || scale < 0 || scale > precision))
        {
            return null;
        }

        // n bytes of two's complement hold floor(log10(2^(8n-1) - 1)) full decimal digits.
        var fits = type != AvroType.Fixed
            || (fixedSize > 0 && precision <= ((BigInteger.One << ((8 * fixedSize) - 1)) - 1).ToString(CultureInfo.InvariantCulture).Length - 1);
        return fits ? new LogicalType(LogicalTypeKind.Decimal, "decimal", precision, scale) : null;
    }

    private static IReadOnlyDictionary<string, JsonElement> Properties(JsonElement json, FrozenSet<string> specified)
    {
        // Ordered, so ToString writes them back as they came.
        var properties = new OrderedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject().Where(p => !specified.Contains(p.Name)))
        {
            properties[property.Name] = property.Value.Clone();
        }

        return properties.Count == 0 ? ReadOnlyDictionary<string, JsonElement>.Empty : new ReadOnlyDictionary<string, JsonElement>(properties);
    }

    private static JsonElement Required(JsonElement json, string attribute, string path) =>
        json.TryGetProperty(attribute, out var value) ? value : throw Error(path, $"missing '{attribute}'");

    private static string? OptionalString(JsonElement json, string attribute, string path)
    {
        if (!json.TryGetProperty(attribute, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Error(path, $"'{attribute}' must be a string, got {Describe(value)}");
    }

    private static string[]? StringArray(JsonElement json, string attribute, string path)
    {
        if (!json.TryGetProperty(attribute, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
            ? value.EnumerateArray().Select(v => v.GetString()!).ToArray()
            : throw Error(path, $"'{attribute}' must be an array of strings, got {value.GetRawText()}");
    }

    private static string Describe(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{json.GetString()}\"",
        _ => json.GetRawText(),
    };
}
