namespace CloudScale.DevStack.SchemaRegistry;

/// <summary>The registry's rules: schema validation, compatibility per level, version addressing.</summary>
internal sealed class RegistryService(RegistryStore store)
{
    public const string Latest = "latest";

    public async Task<SubjectVersion> RegisterAsync(string subject, string schemaText, CancellationToken ct)
    {
        var schema = AvroSchemas.Parse(schemaText);
        return await store.RegisterAsync(subject, schema.Normalized, (existing, level) =>
        {
            var problems = Incompatibilities(schema, existing, level);
            if (problems.Count > 0)
            {
                throw new RegistryException(409, RegistryErrors.Incompatible,
                    $"Schema being registered is incompatible with an earlier schema for subject \"{subject}\", details: [{string.Join(", ", problems)}]");
            }
        }, ct);
    }

    /// <summary>The version of <paramref name="subject"/> whose schema is <paramref name="schemaText"/>.</summary>
    public async Task<SubjectVersion> LookupAsync(string subject, string schemaText, CancellationToken ct)
    {
        var schema = AvroSchemas.Parse(schemaText);
        var versions = await store.VersionsAsync(subject, ct);
        if (versions.Count == 0)
        {
            throw RegistryException.SubjectNotFound(subject);
        }

        return versions.FirstOrDefault(v => v.Schema == schema.Normalized) ?? throw RegistryException.SchemaNotFound();
    }

    public async Task<SubjectVersion> VersionAsync(string subject, string version, CancellationToken ct)
    {
        var versions = await store.VersionsAsync(subject, ct);
        var wanted = ParseVersion(version);
        if (versions.Count == 0)
        {
            throw RegistryException.SubjectNotFound(subject);
        }

        return wanted is null
            ? versions[^1]
            : versions.FirstOrDefault(v => v.Version == wanted) ?? throw RegistryException.VersionNotFound(subject, wanted.Value);
    }

    /// <summary>Would <paramref name="schemaText"/> be accepted against <paramref name="version"/> (or, for transitive levels, all versions)?</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(string subject, string version, string schemaText, CancellationToken ct)
    {
        var schema = AvroSchemas.Parse(schemaText);
        var level = await store.EffectiveLevelAsync(subject, ct);
        var versions = await store.VersionsAsync(subject, ct);
        if (versions.Count == 0)
        {
            throw RegistryException.SubjectNotFound(subject);
        }

        var against = level.IsTransitive() ? versions : [await VersionAsync(subject, version, ct)];
        return Incompatibilities(schema, against, level, transitiveAlready: true);
    }

    private static List<string> Incompatibilities(
        ParsedSchema candidate, IReadOnlyList<SubjectVersion> existing, CompatibilityLevel level, bool transitiveAlready = false)
    {
        if (level == CompatibilityLevel.None || existing.Count == 0)
        {
            return [];
        }

        var against = transitiveAlready || level.IsTransitive() ? existing : [existing[^1]];
        var problems = new List<string>();
        foreach (var earlier in against)
        {
            var old = AvroSchemas.Parse(earlier.Schema);
            if (level.NewMustReadOld())
            {
                problems.AddRange(AvroSchemas.ReadProblems(reader: candidate, writer: old)
                    .Select(p => $"{{compatibility: 'BACKWARD', version: {earlier.Version}, problem: '{p}'}}"));
            }

            if (level.OldMustReadNew())
            {
                problems.AddRange(AvroSchemas.ReadProblems(reader: old, writer: candidate)
                    .Select(p => $"{{compatibility: 'FORWARD', version: {earlier.Version}, problem: '{p}'}}"));
            }
        }

        return problems;
    }

    private static int? ParseVersion(string raw) =>
        raw == Latest || raw == "-1"
            ? null
            : int.TryParse(raw, out var version) && version >= 1 ? version : throw RegistryException.InvalidVersion(raw);
}
