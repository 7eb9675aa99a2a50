using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CloudScale.ContractTests.Targets;

namespace CloudScale.ContractTests;

/// <summary>Whatever a caller sends, the answer is a 4xx problem with a stable code, never a 5xx.</summary>
public abstract class BadInputContract(ShopperApiTarget target)
{
    [Theory]
    [InlineData("/api/v1/carts")]
    [InlineData("/api/v1/payment-methods")]
    [InlineData("/api/v1/checkouts")]
    public async Task Malformed_json_is_a_400_problem(string path)
    {
        (await target.NewShopper().PostRawAsync(path, "{\"cartId\": ")).ExpectProblem(HttpStatusCode.BadRequest, "malformed_json");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        (await target.NewShopper().PostRawAsync("/api/v1/payment-methods", "cardNumber=4242", "text/plain"))
            .ExpectProblem(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_a_413_problem()
    {
        var huge = $"{{\"holderName\":\"{new string('x', 70 * 1024)}\"}}";
        (await target.NewShopper().PostRawAsync("/api/v1/payment-methods", huge)).ExpectProblem(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Theory]
    [InlineData("/api/v1/payment-methods")]
    [InlineData("/api/v1/checkouts")]
    public async Task A_missing_body_is_a_validation_problem_naming_the_body(string path)
    {
        using var content = new ByteArrayContent([]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await target.NewShopper().SendAsync(HttpMethod.Post, path, content);

        Assert.True(response.Status == HttpStatusCode.BadRequest, response.Body);
        Assert.Contains(response.ProblemCode, new[] { "validation_failed", "missing_body" });
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        (await target.NewShopper().SendAsync(HttpMethod.Put, "/api/v1/carts", new StringContent("{}", Encoding.UTF8, "application/json")))
            .ExpectProblem(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task The_correlation_id_a_caller_sends_comes_back_on_errors()
    {
        var shopper = target.NewShopper();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/carts/nope");
        request.Headers.Add("X-Correlation-Id", "contract-corr-1");

        using var response = await shopper.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("contract-corr-1", response.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Contains("contract-corr-1", body);
    }
}

[Collection(LegacyCollection.Name)]
public sealed class LegacyBadInputContract(LegacyTarget target) : BadInputContract(target);

[Collection(ModularCollection.Name)]
public sealed class ModularBadInputContract(ModularTarget target) : BadInputContract(target);
