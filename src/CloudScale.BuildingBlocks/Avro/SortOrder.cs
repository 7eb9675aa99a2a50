namespace CloudScale.BuildingBlocks.Avro;

/// <summary>A record field's <c>order</c> attribute.</summary>
public enum SortOrder
{
    Ascending,
    Descending,
    Ignore,
}
