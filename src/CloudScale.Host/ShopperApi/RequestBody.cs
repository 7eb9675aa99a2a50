using CloudScale.BuildingBlocks.Http;

namespace CloudScale.Host.ShopperApi;

internal static class RequestBody
{
    /// <summary>The body, or a <c>validation_failed</c> problem naming it when the request had none.</summary>
    public static T Required<T>(T? body, string shape)
        where T : class
    {
        new FieldErrors().Check(body is not null, "body", $"a JSON body {shape} is required").ThrowIfAny();
        return body!;
    }
}
