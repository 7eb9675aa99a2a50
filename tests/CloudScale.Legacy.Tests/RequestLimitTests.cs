using System.Net;

namespace CloudScale.Legacy.Tests;

public sealed class RequestLimitTests(LegacyFixture fixture) : IClassFixture<LegacyFixture>
{
    [Fact]
    public async Task A_body_over_64_KiB_is_a_413_problem_and_creates_nothing()
    {
        var before = await fixture.Data.CountAsync("carts");
        var body = "{\"shopperId\": null, \"pad\": \"" + new string('x', (int)LegacyApp.MaxRequestBodyBytes) + "\"}";

        var response = await fixture.NewShopper().PostRawAsync("/api/v1/carts", body);

        response.ExpectProblem(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.Equal(before, await fixture.Data.CountAsync("carts"));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_or_400_problem_and_creates_nothing()
    {
        var before = await fixture.Data.CountAsync("carts");
        var shopper = fixture.NewShopper();

        (await shopper.PostRawAsync("/api/v1/carts", "shopperId=ada", "application/x-www-form-urlencoded"))
            .ExpectProblem(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        (await shopper.PostRawAsync("/api/v1/carts", "{not json")).ExpectProblem(HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal(before, await fixture.Data.CountAsync("carts"));
    }
}
