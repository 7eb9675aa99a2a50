using System.Net;
using CloudScale.Proxy.Tests.Support;
using static CloudScale.Proxy.Tests.Support.AdminApi;

namespace CloudScale.Proxy.Tests;

public sealed class AdminApiTests
{
    [Fact]
    public async Task Without_a_token_or_with_a_wrong_one_every_admin_request_is_401_and_nothing_changes()
    {
        await using var stack = await ProxyStack.StartWithControlPlaneAsync();
        using var noToken = stack.AdminClient(token: null);
        using var wrongToken = stack.AdminClient(token: ProxyStack.AdminToken + "x");
        using var admin = stack.AdminClient();

        foreach (var client in new[] { noToken, wrongToken })
        {
            foreach (var (method, path) in new[] { (HttpMethod.Get, "status"), (HttpMethod.Put, "routes/checkout"), (HttpMethod.Get, "no-such-endpoint") })
            {
                var response = await SendRawAsync(client, method, path, """{"percent":100}""");
                var problem = await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
                Assert.Equal("unauthorized", problem.Code);
                Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
            }
        }

        Assert.Equal(0, (await RouteStatusAsync(admin, "checkout")).GetProperty("modularPercent").GetDouble());
        Assert.Equal(0, await AuditCountAsync(admin));
        Assert.Equal(0, stack.Backend.ForwardedRequests + stack.Modular.ForwardedRequests);
    }

    [Fact]
    public async Task With_no_token_configured_the_admin_API_is_disabled_not_open()
    {
        await using var stack = await ProxyStack.StartWithControlPlaneAsync(settings: new Dictionary<string, string?>
        {
            ["ControlPlane:AdminToken"] = "",
        });
        using var anyToken = stack.AdminClient(token: "");

        var problem = await Problem.ReadAsync(await anyToken.GetAsync("status"), HttpStatusCode.Unauthorized);

        Assert.Equal("unauthorized", problem.Code);
        Assert.Contains("admin API is disabled", problem.Detail);
    }

    [Fact]
    public async Task Bad_input_is_a_400_with_the_stores_code_and_changes_nothing()
    {
        await using var stack = await ProxyStack.StartWithControlPlaneAsync();
        using var admin = stack.AdminClient();
        await SetPercentAsync(admin, "checkout", 25);
        var before = await RouteStatusAsync(admin, "checkout");
        var audits = await AuditCountAsync(admin);

        (HttpMethod Method, string Path, string? Body, string Code)[] cases =
        [
            (HttpMethod.Put, "routes/shipping", """{"percent":10}""", "unknown_capability"),
            (HttpMethod.Put, "routes/checkout", """{"percent":101}""", "invalid_percentage"),
            (HttpMethod.Put, "routes/checkout", """{"percent":-1}""", "invalid_percentage"),
            (HttpMethod.Put, "routes/checkout", """{"percent":12.345}""", "invalid_percentage"),
            (HttpMethod.Put, "routes/checkout", """{"reason":"no percent"}""", "invalid_percentage"),
            (HttpMethod.Put, "routes/checkout", """{"percent":"lots"}""", "invalid_body"),
            (HttpMethod.Put, "routes/checkout", "{percent: 10", "invalid_body"),
            (HttpMethod.Put, "routes/checkout", null, "invalid_body"),
            (HttpMethod.Post, "routes/checkout/rollback", "[]", "invalid_body"),
            (HttpMethod.Post, "routes/nope/rollback", """{"reason":"x"}""", "unknown_capability"),
            (HttpMethod.Put, "routes/checkout/shoppers/bad!id", """{"variant":"modular"}""", "invalid_shopper_id"),
            (HttpMethod.Put, "routes/checkout/shoppers/s-1", """{"variant":"blue"}""", "invalid_variant"),
            (HttpMethod.Put, "routes/checkout/shoppers/s-1", """{"reason":"no variant"}""", "invalid_variant"),
            (HttpMethod.Put, "routes/checkout/groups/Bad%20Group", """{"variant":"modular"}""", "invalid_group"),
            (HttpMethod.Put, "groups/testers/members/bad!id", """{"reason":"x"}""", "invalid_shopper_id"),
            (HttpMethod.Get, "audit?limit=0", null, "invalid_limit"),
            (HttpMethod.Get, "audit?limit=1001", null, "invalid_limit"),
            (HttpMethod.Get, "audit?limit=ten", null, "invalid_limit"),
        ];
        foreach (var (method, path, body, code) in cases)
        {
            var problem = await Problem.ReadAsync(await SendRawAsync(admin, method, path, body), HttpStatusCode.BadRequest);
            Assert.True(code == problem.Code, $"{method} {path} {body}: expected {code}, got {problem.Code} ({problem.Detail})");
        }

        using var badActor = stack.AdminClient();
        badActor.DefaultRequestHeaders.Add("X-CloudScale-Actor", new string('a', 101));
        Assert.Equal("invalid_actor", (await Problem.ReadAsync(await SendRawAsync(badActor, HttpMethod.Put, "routes/checkout", """{"percent":50}"""), HttpStatusCode.BadRequest)).Code);

        var after = await RouteStatusAsync(admin, "checkout");
        Assert.Equal(25, after.GetProperty("modularPercent").GetDouble());
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Empty(after.GetProperty("shopperOverrides").EnumerateObject());
        Assert.Equal(audits, await AuditCountAsync(admin));
    }

    [Fact]
    public async Task A_change_answers_before_after_and_audit_id_and_is_audited_under_the_actor()
    {
        await using var stack = await ProxyStack.StartWithControlPlaneAsync();
        using var admin = stack.AdminClient();
        admin.DefaultRequestHeaders.Add("X-CloudScale-Actor", "alice@laptop");

        var change = await SendAsync(admin, HttpMethod.Put, "routes/inventory", new { percent = 12.5, reason = "first ramp" });

        Assert.Equal(0, change.GetProperty("before").GetProperty("modularPercent").GetDouble());
        Assert.Equal(12.5, change.GetProperty("after").GetProperty("modularPercent").GetDouble());
        Assert.Equal("Route.Inventory", change.GetProperty("after").GetProperty("flag").GetString());
        var audit = (await SendAsync(admin, HttpMethod.Get, "audit?limit=1")).EnumerateArray().Single();
        Assert.Equal(change.GetProperty("auditId").GetInt64(), audit.GetProperty("auditId").GetInt64());
        Assert.Equal("alice@laptop", audit.GetProperty("changedBy").GetString());
        Assert.Equal("first ramp", audit.GetProperty("reason").GetString());
        Assert.Equal("flag:Route.Inventory", audit.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Status_lists_every_capability_the_stock_owner_and_the_modules()
    {
        await using var stack = await ProxyStack.StartWithControlPlaneAsync();
        using var admin = stack.AdminClient();

        var status = await StatusAsync(admin);

        Assert.Equal(["checkout", "payment", "inventory"],
            status.GetProperty("routes").EnumerateArray().Select(r => r.GetProperty("capability").GetString()));
        var owner = status.GetProperty("owners").EnumerateArray().Single();
        Assert.Equal(("stock", "legacy", 1L), (owner.GetProperty("domain").GetString(), owner.GetProperty("owner").GetString(), owner.GetProperty("epoch").GetInt64()));
        Assert.Equal(["checkout:inprocess", "payment:inprocess", "inventory:inprocess"],
            status.GetProperty("modules").EnumerateArray().Select(m => $"{m.GetProperty("module").GetString()}:{m.GetProperty("mode").GetString()}"));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, status.GetProperty("flags").GetProperty("loadedAt").ValueKind);
    }
}
