namespace CloudScale.BuildingBlocks.Tests.SchemaRegistry;

public sealed class SchemaRegistryStandInTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private const string OrderV1 = """
        {"type":"record","name":"OrderCreated","namespace":"checkout.v1","fields":[
          {"name":"orderId","type":{"type":"string","logicalType":"uuid"}},
          {"name":"totalCents","type":"long"}]}
        """;

    // Adds a field with a default: readers on v2 can still read v1 data (BACKWARD compatible).
    private const string OrderV2 = """
        {"type":"record","name":"OrderCreated","namespace":"checkout.v1","fields":[
          {"name":"orderId","type":{"type":"string","logicalType":"uuid"}},
          {"name":"totalCents","type":"long"},
          {"name":"currency","type":"string","default":"USD"}]}
        """;

    // Adds a field without a default: v1 data has nothing to fill it with.
    private const string OrderBroken = """
        {"type":"record","name":"OrderCreated","namespace":"checkout.v1","fields":[
          {"name":"orderId","type":{"type":"string","logicalType":"uuid"}},
          {"name":"totalCents","type":"long"},
          {"name":"channel","type":"string"}]}
        """;

    [Fact]
    public async Task The_same_schema_gets_the_same_id_in_a_subject_across_subjects_and_across_restarts()
    {
        var subject = Subject();
        var (status, first) = await registry.RegisterAsync(subject, OrderV1);
        Assert.Equal(200, status);
        var id = first!["id"]!.GetValue<int>();

        var again = await registry.RegisterAsync(subject, OrderV1.Replace("\n", " "));
        var elsewhere = await registry.RegisterAsync(Subject(), OrderV1);
        await registry.RestartAsync();
        var afterRestart = await registry.RegisterAsync(subject, OrderV1);
        var byId = await registry.SendAsync(HttpMethod.Get, $"/schemas/ids/{id}");

        Assert.Equal(id, again.Body!["id"]!.GetValue<int>());
        Assert.Equal(id, elsewhere.Body!["id"]!.GetValue<int>());
        Assert.Equal(id, afterRestart.Body!["id"]!.GetValue<int>());
        Assert.Contains("OrderCreated", byId.Body!["schema"]!.GetValue<string>());
        Assert.Equal("[1]", (await registry.SendAsync(HttpMethod.Get, $"/subjects/{subject}/versions")).Body!.ToJsonString());
    }

    [Fact]
    public async Task A_backward_compatible_change_becomes_version_2_and_an_incompatible_one_is_refused_with_409()
    {
        var subject = Subject();
        await registry.RegisterAsync(subject, OrderV1);

        var v2 = await registry.RegisterAsync(subject, OrderV2);
        var broken = await registry.RegisterAsync(subject, OrderBroken);

        Assert.Equal(200, v2.Status);
        Assert.Equal(409, broken.Status);
        Assert.Equal(409, broken.Body!["error_code"]!.GetValue<int>());
        Assert.Contains("incompatible", broken.Body!["message"]!.GetValue<string>());
        var latest = (await registry.SendAsync(HttpMethod.Get, $"/subjects/{subject}/versions/latest")).Body!;
        Assert.Equal(2, latest["version"]!.GetValue<int>());
        Assert.Equal(v2.Body!["id"]!.GetValue<int>(), latest["id"]!.GetValue<int>());
        Assert.Equal(subject, latest["subject"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_compatibility_endpoint_answers_without_registering_and_explains_when_verbose()
    {
        var subject = Subject();
        await registry.RegisterAsync(subject, OrderV1);

        var ok = await registry.SendAsync(HttpMethod.Post, $"/compatibility/subjects/{subject}/versions/latest", new { schema = OrderV2 });
        var bad = await registry.SendAsync(HttpMethod.Post, $"/compatibility/subjects/{subject}/versions/1?verbose=true", new { schema = OrderBroken });

        Assert.True(ok.Body!["is_compatible"]!.GetValue<bool>());
        Assert.False(bad.Body!["is_compatible"]!.GetValue<bool>());
        Assert.Contains("channel", bad.Body!["messages"]!.AsArray().Single()!.GetValue<string>());
        Assert.Equal("[1]", (await registry.SendAsync(HttpMethod.Get, $"/subjects/{subject}/versions")).Body!.ToJsonString());
    }

    [Fact]
    public async Task Lookup_finds_the_version_of_a_known_schema()
    {
        var subject = Subject();
        var id = (await registry.RegisterAsync(subject, OrderV1)).Body!["id"]!.GetValue<int>();

        var found = await registry.SendAsync(HttpMethod.Post, $"/subjects/{subject}", new { schema = OrderV1 });
        var unknown = await registry.SendAsync(HttpMethod.Post, $"/subjects/{subject}", new { schema = OrderV2 });

        Assert.Equal(id, found.Body!["id"]!.GetValue<int>());
        Assert.Equal(1, found.Body!["version"]!.GetValue<int>());
        Assert.Equal(40403, unknown.Body!["error_code"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_subject_with_compatibility_none_accepts_any_change_and_other_subjects_keep_the_global_level()
    {
        var loose = Subject();
        await registry.RegisterAsync(loose, OrderV1);
        Assert.Equal(40408, (await registry.SendAsync(HttpMethod.Get, $"/config/{loose}")).Body!["error_code"]!.GetValue<int>());

        var set = await registry.SendAsync(HttpMethod.Put, $"/config/{loose}", new { compatibility = "NONE" });
        var accepted = await registry.RegisterAsync(loose, OrderBroken);

        Assert.Equal("NONE", set.Body!["compatibility"]!.GetValue<string>());
        Assert.Equal("NONE", (await registry.SendAsync(HttpMethod.Get, $"/config/{loose}")).Body!["compatibilityLevel"]!.GetValue<string>());
        Assert.Equal(200, accepted.Status);
        Assert.Equal("BACKWARD", (await registry.SendAsync(HttpMethod.Get, "/config")).Body!["compatibilityLevel"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "/subjects/nobody/versions", 404, 40401)]
    [InlineData("GET", "/subjects/nobody/versions/latest", 404, 40401)]
    [InlineData("GET", "/schemas/ids/999999", 404, 40403)]
    [InlineData("PUT", "/config", 422, 42203)]
    [InlineData("POST", "/subjects/bad-schema/versions", 422, 42201)]
    public async Task Errors_carry_confluents_status_and_error_code(string method, string path, int status, int errorCode)
    {
        object? body = method switch
        {
            "PUT" => new { compatibility = "SIDEWAYS" },
            "POST" => new { schema = """{"type":"record","name":"X","fields":[{"name":"a","type":"nosuchtype"}]}""" },
            _ => null,
        };

        var (actualStatus, reply) = await registry.SendAsync(new HttpMethod(method), path, body);

        Assert.Equal(status, actualStatus);
        Assert.Equal(errorCode, reply!["error_code"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(reply!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Unknown_versions_and_malformed_version_ids_are_told_apart()
    {
        var subject = Subject();
        await registry.RegisterAsync(subject, OrderV1);

        Assert.Equal(40402, (await registry.SendAsync(HttpMethod.Get, $"/subjects/{subject}/versions/7")).Body!["error_code"]!.GetValue<int>());
        Assert.Equal(42202, (await registry.SendAsync(HttpMethod.Get, $"/subjects/{subject}/versions/zero")).Body!["error_code"]!.GetValue<int>());
    }

    private static string Subject() => $"test.orders-{Guid.NewGuid():N}-value";
}
