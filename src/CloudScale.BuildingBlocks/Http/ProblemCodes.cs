namespace CloudScale.BuildingBlocks.Http;

/// <summary>Problem codes shared by every HTTP API, independent of any capability.</summary>
public static class ProblemCodes
{
    public const string MalformedJson = "malformed_json";
    public const string MissingBody = "missing_body";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string BadRequest = "bad_request";
    public const string ValidationFailed = "validation_failed";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string InternalError = "internal_error";
}
