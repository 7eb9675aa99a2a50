using Microsoft.AspNetCore.Builder;

namespace CloudScale.BuildingBlocks.Http;

public static class ApplicationBuilderExtensions
{
    /// <summary>Correlation ids first (so every error carries one), then the problem-details error boundary.</summary>
    public static IApplicationBuilder UseCloudScaleHttpConventions(this IApplicationBuilder app) =>
        app.UseMiddleware<CorrelationIdMiddleware>().UseMiddleware<ApiErrorHandlingMiddleware>();
}
