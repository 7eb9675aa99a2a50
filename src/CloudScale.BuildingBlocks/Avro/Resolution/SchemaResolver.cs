namespace CloudScale.BuildingBlocks.Avro.Resolution;

/// <summary>
/// The specification's schema resolution, written once and used twice: to build read plans and to list
/// incompatibilities (<see cref="SchemaCompatibility"/>), so the two can never disagree.
/// <para>
/// Problems are either <i>certain</i> (every value fails: a type mismatch on a field, a missing default) or
/// <i>data-dependent</i> (only some values fail: a writer union branch or enum symbol the reader cannot take).
/// Building a plan fails on certain problems; data-dependent ones become nodes that throw when reached.
/// Compatibility reports both, as Apache Avro's SchemaCompatibility does.
/// </para>
/// </summary>
internal sealed class SchemaResolver
{
    // Problems stay null while a record pair is being resolved: a recursive reference then reports nothing,
    // the outer resolution of the same pair reports it all.
    private readonly Dictionary<(Schema Writer, Schema Reader), (RecordReadNode Node, List<string>? Problems)> _records = [];
    private readonly List<string> _dataDependent = [];
    private List<string> _certain = [];

    private SchemaResolver()
    {
    }

    /// <exception cref="AvroResolutionException">The reader can read no value the writer writes.</exception>
    public static ReadNode CreateReader(Schema writer, Schema reader)
    {
        var resolver = new SchemaResolver();
        var plan = resolver.Resolve(writer, reader, RootPath(reader));
        return resolver._certain.Count == 0
            ? plan
            : throw new AvroResolutionException($"the reader's {reader.Describe()} cannot read data written as {writer.Describe()}: {string.Join("; ", resolver._certain.Distinct())}");
    }

    public static IReadOnlyList<string> FindIncompatibilities(Schema writer, Schema reader)
    {
        var resolver = new SchemaResolver();
        resolver.Resolve(writer, reader, RootPath(reader));
        return resolver._certain.Concat(resolver._dataDependent).Distinct().ToList();
    }

    private static string RootPath(Schema schema) => schema is NamedSchema named ? named.Name : schema.Type.ToString().ToLowerInvariant();

    private ReadNode Resolve(Schema writer, Schema reader, string path)
    {
        if (writer is UnionSchema writerUnion)
        {
            return new UnionReadNode(writerUnion.Schemas.Select(branch => ResolveWriterBranch(branch, reader, path)).ToArray());
        }

        if (reader is UnionSchema readerUnion)
        {
            var branch = FindBranch(readerUnion, writer);
            return branch is null
                ? Fail(path, $"the writer's {writer.Describe()} matches no branch of the reader's {readerUnion.Describe()}")
                : Resolve(writer, branch, path);
        }

        return (writer, reader) switch
        {
            (RecordSchema w, RecordSchema r) when r.MatchesName(w) => ResolveRecord(w, r, path),
            (EnumSchema w, EnumSchema r) when r.MatchesName(w) => ResolveEnum(w, r, path),
            (FixedSchema w, FixedSchema r) when r.MatchesName(w) && w.Size != r.Size =>
                Fail(path, $"fixed {r.FullName} has {w.Size} bytes in the writer's schema but {r.Size} in the reader's"),
            (FixedSchema w, FixedSchema r) when r.MatchesName(w) => ResolveValue(w, r, path),
            (ArraySchema w, ArraySchema r) => new ArrayReadNode(Resolve(w.ItemSchema, r.ItemSchema, path + "[]"), SchemaSizes.MayBeEmpty(w.ItemSchema)),
            (MapSchema w, MapSchema r) => new MapReadNode(Resolve(w.ValueSchema, r.ValueSchema, path + "{}")),
            (PrimitiveSchema w, PrimitiveSchema r) when CanPromote(w.Type, r.Type) => ResolveValue(w, r, path),
            (NamedSchema w, NamedSchema r) when w.Type == r.Type =>
                Fail(path, $"the writer's {w.Describe()} does not match the reader's {r.Describe()} (unqualified names differ and no reader alias names {w.FullName})"),
            _ => Fail(path, $"the writer's {writer.Describe()} cannot be read as the reader's {reader.Describe()}"),
        };
    }

    /// <summary>Only data in this branch is affected, so its problems are data-dependent.</summary>
    private ReadNode ResolveWriterBranch(Schema branch, Schema reader, string path)
    {
        var outer = _certain;
        _certain = [];
        var plan = Resolve(branch, reader, path);
        var problems = _certain;
        _certain = outer;
        _dataDependent.AddRange(problems);
        return problems.Count == 0 ? plan : new FailingReadNode(string.Join("; ", problems.Distinct()));
    }

    private ReadNode ResolveRecord(RecordSchema writer, RecordSchema reader, string path)
    {
        if (_records.TryGetValue((writer, reader), out var known))
        {
            _certain.AddRange(known.Problems ?? []);
            return known.Node;
        }

        var node = new RecordReadNode(reader);
        _records[(writer, reader)] = (node, null);
        var outer = _certain;
        var problems = _certain = [];

        var readerFieldFor = MatchFields(writer, reader);
        var writerFields = writer.Fields
            .Select(w => readerFieldFor.TryGetValue(w.Name, out var r)
                ? new RecordReadNode.WriterField(w.Schema, Resolve(w.Schema, r.Schema, $"{path}.{r.Name}"), r.Position)
                : new RecordReadNode.WriterField(w.Schema, Plan: null, ReaderPosition: -1))
            .ToArray();
        var defaulted = reader.Fields.Except(readerFieldFor.Values).ToArray();
        foreach (var field in defaulted.Where(f => !f.HasDefault))
        {
            Fail($"{path}.{field.Name}", $"the reader's field '{field.Name}' ({field.Schema.Describe()}) is missing from the writer's schema and has no default");
        }

        node.Complete(writerFields, defaulted);
        node.Problem = problems.Count > 0 ? string.Join("; ", problems.Distinct()) : null;
        _records[(writer, reader)] = (node, problems);
        _certain = outer;
        _certain.AddRange(problems);
        return node;
    }

    /// <summary>Writer field name to reader field: same name first, then a reader alias naming the writer field.</summary>
    private static Dictionary<string, Field> MatchFields(RecordSchema writer, RecordSchema reader)
    {
        var matches = new Dictionary<string, Field>(StringComparer.Ordinal);
        foreach (var readerField in reader.Fields)
        {
            if (writer.TryGetField(readerField.Name, out _))
            {
                matches[readerField.Name] = readerField;
            }
        }

        foreach (var readerField in reader.Fields.Where(f => !matches.ContainsValue(f)))
        {
            var alias = readerField.Aliases.FirstOrDefault(a => writer.TryGetField(a, out _) && !matches.ContainsKey(a));
            if (alias is not null)
            {
                matches[alias] = readerField;
            }
        }

        return matches;
    }

    private EnumReadNode ResolveEnum(EnumSchema writer, EnumSchema reader, string path)
    {
        var fallback = reader.Default is { } symbol ? new GenericEnum(reader, symbol) : null;
        var byWriterIndex = writer.Symbols.Select(s => reader.IndexOf(s) >= 0 ? new GenericEnum(reader, s) : fallback).ToArray();
        var problems = writer.Symbols
            .Select((s, i) => byWriterIndex[i] is null ? $"{path}: the writer's symbol '{s}' is not in the reader's {reader.Describe()}, which has no default" : null)
            .ToArray();
        var missing = writer.Symbols.Where((_, i) => byWriterIndex[i] is null).ToList();
        if (missing.Count > 0)
        {
            _dataDependent.Add($"{path}: the writer's symbols {string.Join(", ", missing)} are not in the reader's {reader.Describe()}, which has no default");
        }

        return new EnumReadNode(byWriterIndex, problems);
    }

    /// <summary>
    /// Logical types do not take part, except decimals: the specification matches two decimals only with equal
    /// precision and scale (a different scale would silently rescale every value).
    /// </summary>
    private ReadNode ResolveValue(Schema writer, Schema reader, string path) =>
        writer.LogicalType is { Kind: LogicalTypeKind.Decimal } w
        && reader.LogicalType is { Kind: LogicalTypeKind.Decimal } r
        && (w.Precision != r.Precision || w.Scale != r.Scale)
            ? Fail(path, $"the writer's {w} does not match the reader's {r}: precision and scale must be equal")
            : new ValueReadNode(writer.Type, reader);

    /// <summary>
    /// The specification's "first schema in the reader's union that matches", promotions included (avsc reads
    /// it the same way; Java would prefer a later exact type). For named types an exact fullname wins over a
    /// match by unqualified name or alias, as in Java and avsc: otherwise a.Point could be read as b.Point.
    /// </summary>
    private static Schema? FindBranch(UnionSchema reader, Schema writer) => writer is NamedSchema named
        ? reader.Schemas.OfType<NamedSchema>().FirstOrDefault(r => r.Type == named.Type && r.FullName == named.FullName)
            ?? reader.Schemas.OfType<NamedSchema>().FirstOrDefault(r => r.Type == named.Type && r.MatchesName(named))
        : reader.Schemas.FirstOrDefault(r => r.Type == writer.Type || (r is PrimitiveSchema && writer is PrimitiveSchema && CanPromote(writer.Type, r.Type)));

    private static bool CanPromote(AvroType writer, AvroType reader) => writer == reader || (writer, reader) switch
    {
        (AvroType.Int, AvroType.Long or AvroType.Float or AvroType.Double) => true,
        (AvroType.Long, AvroType.Float or AvroType.Double) => true,
        (AvroType.Float, AvroType.Double) => true,
        (AvroType.String, AvroType.Bytes) or (AvroType.Bytes, AvroType.String) => true,
        _ => false,
    };

    private FailingReadNode Fail(string path, string problem)
    {
        var message = $"{path}: {problem}";
        _certain.Add(message);
        return new FailingReadNode(message);
    }
}
