using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CloudScale.BuildingBlocks.Http;

/// <summary>
/// RFC 7807 problem details with a stable machine-readable <c>code</c>, the one error shape every CloudScale
/// HTTP API returns. Clients branch on <c>code</c>; <c>title</c> and <c>detail</c> are for people.
/// </summary>
public static class ApiProblem
{
    /// <summary>Builds the problem body for <paramref name="code"/>; <c>type</c> is derived from the code.</summary>
    public static ProblemDetails Create(
        HttpContext context,
        int status,
        string code,
        string detail,
        IDictionary<string, string[]>? errors = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(errors);
        problem.Type = $"urn:cloudscale:problem:{code}";
        problem.Title = TitleFor(status);
        problem.Status = status;
        problem.Detail = detail;
        problem.Instance = context.Request.Path;
        problem.Extensions["code"] = code;
        problem.Extensions["correlationId"] = CorrelationId.Get(context);
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        return problem;
    }

    /// <summary>Writes the problem straight to the response (for middleware, where no endpoint result runs).</summary>
    public static Task WriteAsync(
        HttpContext context,
        int status,
        string code,
        string detail,
        IDictionary<string, string[]>? errors = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        context.Response.StatusCode = status;
        return Results.Problem(Create(context, status, code, detail, errors, extensions)).ExecuteAsync(context);
    }

    private static string TitleFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is invalid.",
        StatusCodes.Status401Unauthorized => "Authentication is required.",
        StatusCodes.Status402PaymentRequired => "The payment was not accepted.",
        StatusCodes.Status403Forbidden => "The request is not allowed.",
        StatusCodes.Status404NotFound => "The resource was not found.",
        StatusCodes.Status405MethodNotAllowed => "The method is not allowed here.",
        StatusCodes.Status409Conflict => "The request conflicts with the current state.",
        StatusCodes.Status410Gone => "The resource is no longer available.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The content type is not supported.",
        StatusCodes.Status422UnprocessableEntity => "The request cannot be processed.",
        StatusCodes.Status502BadGateway => "An upstream service failed.",
        StatusCodes.Status503ServiceUnavailable => "The service is unavailable.",
        StatusCodes.Status504GatewayTimeout => "An upstream service did not answer in time.",
        _ => "The request failed.",
    };
}
