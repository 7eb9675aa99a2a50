using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CloudScale.BuildingBlocks.Http;

/// <summary>
/// Turns what a caller got wrong before an endpoint ran (unreadable JSON, a body over the size limit, a wrong
/// content type) into 4xx problem details, and anything unexpected into a 500 problem that leaks nothing.
/// Also gives bare 404/405 responses from routing a problem body, so every error has the same shape.
/// </summary>
public sealed class ApiErrorHandlingMiddleware(RequestDelegate next, ILogger<ApiErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiException ex) when (!context.Response.HasStarted)
        {
            await ApiProblem.WriteAsync(context, ex.Status, ex.Code, ex.Message, ex.Errors, ex.Extensions);
            return;
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var (status, code, detail) = Classify(ex);
            logger.LogInformation("Rejected request {Method} {Path}: {Code}", context.Request.Method, context.Request.Path, code);
            await ApiProblem.WriteAsync(context, status, code, detail);
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
            await ApiProblem.WriteAsync(context, StatusCodes.Status500InternalServerError, ProblemCodes.InternalError,
                "An unexpected error occurred. Quote the correlation id when reporting it.");
            return;
        }

        // Routing and body binding answer some failures with a bare status code; give those the problem shape too.
        var bareStatus = context.Response.StatusCode;
        if (bareStatus >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null
            && string.IsNullOrEmpty(context.Response.ContentType))
        {
            var (code, detail) = DescribeBareStatus(context, bareStatus);
            await ApiProblem.WriteAsync(context, bareStatus, code, detail);
        }
    }

    private static (string Code, string Detail) DescribeBareStatus(HttpContext context, int status) => status switch
    {
        StatusCodes.Status404NotFound => (ProblemCodes.NotFound, $"No resource at '{context.Request.Path}'."),
        StatusCodes.Status405MethodNotAllowed => (ProblemCodes.MethodNotAllowed, $"'{context.Request.Method}' is not allowed on '{context.Request.Path}'."),
        StatusCodes.Status413PayloadTooLarge => (ProblemCodes.PayloadTooLarge, "The request body exceeds the size limit of this API."),
        StatusCodes.Status415UnsupportedMediaType => (ProblemCodes.UnsupportedMediaType, "Send the body as application/json."),
        < 500 => (ProblemCodes.BadRequest, "The request could not be understood."),
        _ => (ProblemCodes.InternalError, "An unexpected error occurred. Quote the correlation id when reporting it."),
    };

    private static (int Status, string Code, string Detail) Classify(BadHttpRequestException ex)
    {
        if (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (413, ProblemCodes.PayloadTooLarge, "The request body exceeds the size limit of this API.");
        }

        if (ex.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return (415, ProblemCodes.UnsupportedMediaType, "Send the body as application/json.");
        }

        if (ex.InnerException is JsonException json)
        {
            var where = json.Path is null ? "" : $" at '{json.Path}'";
            return (400, ProblemCodes.MalformedJson, $"The body is not valid JSON for this request{where}.");
        }

        if (ex.Message.Contains("was not provided", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase))
        {
            return (400, ProblemCodes.MissingBody, "This request needs a JSON body.");
        }

        return (400, ProblemCodes.BadRequest, ex.Message);
    }
}
