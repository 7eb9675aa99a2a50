using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace CloudScale.DevStack.Kafka;

/// <summary>One entry of kafka-topics.json: a topic, its partition count and the service or module that owns (writes) it.</summary>
internal sealed record TopicDeclaration(string Name, int Partitions, string Owner);

/// <summary>
/// kafka-topics.json, the one list of topics the dev broker creates at start. The mock cluster cannot create
/// topics on request (no CreateTopics), so every topic a service consumes is declared there; producers may
/// still auto-create others (with the mock's default partition count).
/// </summary>
internal static partial class TopicDeclarations
{
    public const string FileName = "kafka-topics.json";

    /// <summary>The health probe's round trip goes through this topic; it must be declared.</summary>
    public const string HeartbeatTopic = "cloudscale.devstack.heartbeat";

    private const int MaxPartitions = 64;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static IReadOnlyList<TopicDeclaration> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} does not exist; it lists the topics the Kafka dev broker creates");
        }

        List<TopicDeclaration>? topics;
        try
        {
            topics = JsonSerializer.Deserialize<List<TopicDeclaration>>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path} is not a JSON array of {{name, partitions, owner}}: {e.Message}", e);
        }

        var errors = Validate(topics ?? []);
        return errors.Count == 0
            ? topics!
            : throw new InvalidOperationException($"{path} is invalid: {string.Join("; ", errors)}");
    }

    private static List<string> Validate(IReadOnlyList<TopicDeclaration> topics)
    {
        var errors = new List<string>();
        for (var i = 0; i < topics.Count; i++)
        {
            var (name, partitions, owner) = topics[i];
            var entry = $"entry {i} ({name ?? "no name"})";
            if (name is null || !TopicName().IsMatch(name))
            {
                errors.Add($"{entry}: name must be 1..249 of [a-zA-Z0-9._-]");
            }

            if (partitions is < 1 or > MaxPartitions)
            {
                errors.Add($"{entry}: partitions must be 1..{MaxPartitions}, got {partitions}");
            }

            if (string.IsNullOrWhiteSpace(owner))
            {
                errors.Add($"{entry}: owner (the service or module that writes the topic) is required");
            }
        }

        errors.AddRange(topics.GroupBy(topic => topic.Name).Where(group => group.Count() > 1)
            .Select(group => $"{group.Key} is declared {group.Count()} times"));
        if (topics.All(topic => topic.Name != HeartbeatTopic))
        {
            errors.Add($"{HeartbeatTopic} must be declared: the health probe produces and consumes through it");
        }

        return errors;
    }

    [GeneratedRegex("^[a-zA-Z0-9._-]{1,249}$")]
    private static partial Regex TopicName();
}
