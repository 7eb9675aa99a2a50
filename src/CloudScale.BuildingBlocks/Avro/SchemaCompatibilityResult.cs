namespace CloudScale.BuildingBlocks.Avro;

/// <summary>The outcome of <see cref="SchemaCompatibility.CheckCanRead"/>.</summary>
public sealed class SchemaCompatibilityResult
{
    internal SchemaCompatibilityResult(IReadOnlyList<string> incompatibilities)
    {
        Incompatibilities = incompatibilities;
    }

    public bool IsCompatible => Incompatibilities.Count == 0;

    /// <summary>One readable line per problem, each starting with where it is, e.g. <c>Order.quantity: ...</c>.</summary>
    public IReadOnlyList<string> Incompatibilities { get; }

    public override string ToString() => IsCompatible ? "compatible" : string.Join(Environment.NewLine, Incompatibilities);
}
