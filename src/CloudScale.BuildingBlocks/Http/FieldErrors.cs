namespace CloudScale.BuildingBlocks.Http;

/// <summary>
/// Collects field validation errors for one request and throws them together as a single
/// <c>validation_failed</c> problem, so a caller sees everything that is wrong at once.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="message"/> against <paramref name="field"/> unless <paramref name="ok"/>.</summary>
    public FieldErrors Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            Add(field, message);
        }

        return this;
    }

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    public bool HasErrors => errors.Count > 0;

    /// <summary>Throws a 400 <c>validation_failed</c> problem when any error was recorded.</summary>
    public void ThrowIfAny()
    {
        if (!HasErrors)
        {
            return;
        }

        var detail = string.Join("; ", errors.SelectMany(e => e.Value));
        throw new ApiException(400, ProblemCodes.ValidationFailed, detail,
            errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }
}
