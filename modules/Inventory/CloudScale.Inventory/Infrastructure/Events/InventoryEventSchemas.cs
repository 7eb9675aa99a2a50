using CloudScale.BuildingBlocks.Avro;

namespace CloudScale.Inventory.Infrastructure.Events;

/// <summary>
/// The Avro writer schemas of Inventory's integration events, field for field the records in
/// CloudScale.Inventory.Contracts (InventoryEvents.cs) in snake_case. Registered under <c>&lt;topic&gt;-value</c>
/// when first published; change them only compatibly (add fields with defaults).
/// </summary>
internal static class InventoryEventSchemas
{
    private const string Uuid = """{"type":"string","logicalType":"uuid"}""";
    private const string Timestamp = """{"type":"long","logicalType":"timestamp-millis"}""";

    // Each schema names its own line record; Avro names are scoped to one schema.
    private const string Lines = $$"""
        {"name":"lines","type":{"type":"array","items":{"type":"record","name":"StockLine","fields":[
          {"name":"product_id","type":{{Uuid}} },
          {"name":"quantity","type":"int"}]} } }
        """;

    public static readonly RecordSchema StockReserved = (RecordSchema)Schema.Parse($$"""
        {"type":"record","name":"StockReserved","namespace":"cloudscale.inventory","fields":[
          {"name":"event_id","type":{{Uuid}} },
          {"name":"reservation_id","type":{{Uuid}} },
          {{Lines}},
          {"name":"expires_at","type":{{Timestamp}} },
          {"name":"occurred_at","type":{{Timestamp}} }]}
        """);

    public static readonly RecordSchema ReservationReleased = (RecordSchema)Schema.Parse($$"""
        {"type":"record","name":"ReservationReleased","namespace":"cloudscale.inventory","fields":[
          {"name":"event_id","type":{{Uuid}} },
          {"name":"reservation_id","type":{{Uuid}} },
          {{Lines}},
          {"name":"reason","type":"string"},
          {"name":"occurred_at","type":{{Timestamp}} }]}
        """);

    public static readonly RecordSchema StockCommitted = (RecordSchema)Schema.Parse($$"""
        {"type":"record","name":"StockCommitted","namespace":"cloudscale.inventory","fields":[
          {"name":"event_id","type":{{Uuid}} },
          {"name":"reservation_id","type":{{Uuid}} },
          {{Lines}},
          {"name":"occurred_at","type":{{Timestamp}} }]}
        """);
}
