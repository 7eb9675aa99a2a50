using CloudScale.BuildingBlocks.Avro;

namespace CloudScale.DevStack.SchemaRegistry;

/// <summary>A schema as the registry keeps it: parsed, and its normalised text (the identity for ids).</summary>
internal sealed record ParsedSchema(Schema Schema, string Normalized);

/// <summary>The registry's only contact with the Avro implementation.</summary>
internal static class AvroSchemas
{
    public static ParsedSchema Parse(string text)
    {
        try
        {
            var schema = Schema.Parse(text);
            // Full JSON, whitespace-free: unlike the Parsing Canonical Form it keeps defaults, which change resolution.
            return new ParsedSchema(schema, schema.ToString());
        }
        catch (AvroSchemaException ex)
        {
            throw new RegistryException(422, RegistryErrors.InvalidSchema, $"Invalid schema: {ex.Message}");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new RegistryException(422, RegistryErrors.InvalidSchema, $"Invalid schema: not JSON ({ex.Message})");
        }
    }

    /// <summary>Why data written with <paramref name="writer"/> cannot be read with <paramref name="reader"/>; empty when it can.</summary>
    public static IReadOnlyList<string> ReadProblems(ParsedSchema reader, ParsedSchema writer) =>
        SchemaCompatibility.CheckCanRead(reader.Schema, writer.Schema).Incompatibilities;
}
