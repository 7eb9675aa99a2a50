namespace CloudScale.BuildingBlocks.Avro;

/// <summary>
/// A value does not match the schema it is written with. <see cref="Path"/> locates it, e.g.
/// <c>Order.items[2].quantity: expected int, got string</c>.
/// </summary>
public sealed class AvroTypeException : AvroException
{
    private string _path = "";

    public AvroTypeException(string problem)
        : base(problem)
    {
        Problem = problem;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>Where the value sits inside the written value, e.g. <c>Order.items[2].quantity</c>.</summary>
    public string Path => _path;

    public override string Message => _path.Length == 0 ? Problem : $"{_path}: {Problem}";

    // The path is assembled while the exception unwinds, so the happy path builds no strings.
    internal void PrependPath(string segment) => _path = segment + _path;
}
