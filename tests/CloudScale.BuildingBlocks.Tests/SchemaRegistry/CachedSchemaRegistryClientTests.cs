using System.Net;
using CloudScale.BuildingBlocks.SchemaRegistry;

namespace CloudScale.BuildingBlocks.Tests.SchemaRegistry;

/// <summary>The registry client's caching, against a scripted registry.</summary>
public sealed class CachedSchemaRegistryClientTests
{
    private const string OrderSchema = """{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}""";

    [Fact]
    public async Task A_failed_lookup_is_not_cached_and_the_next_call_asks_the_registry_again()
    {
        var registry = new StubRegistryHandler(number => number == 1
            ? StubRegistryHandler.Error(HttpStatusCode.ServiceUnavailable, 50003, "backend unavailable")
            : StubRegistryHandler.Schema(OrderSchema));
        var client = StubRegistryHandler.ClientOf(registry);

        var outage = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(42));

        Assert.Equal(503, outage.Status);
        Assert.Equal(OrderSchema, await client.GetSchemaAsync(42));
        Assert.Equal(OrderSchema, await client.GetSchemaAsync(42));
        Assert.Equal(2, registry.Requests);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_fail_the_lookup_other_callers_share()
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new StubRegistryHandler(async (_, cancellationToken) =>
        {
            await answer.Task.WaitAsync(cancellationToken);
            return StubRegistryHandler.Schema(OrderSchema);
        });
        var client = StubRegistryHandler.ClientOf(registry);
        using var impatient = new CancellationTokenSource();

        var givingUp = client.GetSchemaAsync(42, impatient.Token);
        var waiting = client.GetSchemaAsync(42);
        await impatient.CancelAsync();
        answer.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givingUp);
        Assert.Equal(OrderSchema, await waiting);
        Assert.Equal(OrderSchema, await client.GetSchemaAsync(42));
        Assert.Equal(1, registry.Requests);
    }

    [Fact]
    public async Task A_registered_schema_is_known_by_its_id_without_asking_again()
    {
        var registry = new StubRegistryHandler(number => number == 1
            ? StubRegistryHandler.Json(HttpStatusCode.OK, new { id = 42 })
            : StubRegistryHandler.Error(HttpStatusCode.InternalServerError, 50001, "unexpected request"));
        var client = StubRegistryHandler.ClientOf(registry);

        Assert.Equal(42, await client.RegisterSchemaAsync("orders-value", OrderSchema));

        Assert.Equal(OrderSchema, await client.GetSchemaAsync(42));
        Assert.Equal(42, await client.RegisterSchemaAsync("orders-value", OrderSchema));
        Assert.Equal(1, registry.Requests);
    }
}
