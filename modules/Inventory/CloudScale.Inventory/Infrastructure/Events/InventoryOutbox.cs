using CloudScale.BuildingBlocks.Avro;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Domain;

namespace CloudScale.Inventory.Infrastructure.Events;

/// <summary>
/// Builds the outbox message of each reservation change, keyed by reservation id so that a consumer sees one
/// reservation's events in order. The caller adds it to the same DbContext as the change.
/// </summary>
internal static class InventoryOutbox
{
    public static OutboxMessage StockReserved(Reservation reservation, DateTimeOffset now) =>
        Message(InventoryTopics.StockReserved, reservation, now, new GenericRecord(InventoryEventSchemas.StockReserved)
        {
            { "expires_at", reservation.ExpiresAt },
        });

    public static OutboxMessage ReservationReleased(Reservation reservation, string reason, DateTimeOffset now) =>
        Message(InventoryTopics.ReservationReleased, reservation, now, new GenericRecord(InventoryEventSchemas.ReservationReleased)
        {
            { "reason", reason },
        });

    public static OutboxMessage StockCommitted(Reservation reservation, DateTimeOffset now) =>
        Message(InventoryTopics.StockCommitted, reservation, now, new GenericRecord(InventoryEventSchemas.StockCommitted));

    private static OutboxMessage Message(string topic, Reservation reservation, DateTimeOffset now, GenericRecord record)
    {
        var lineSchema = (RecordSchema)((ArraySchema)record.Schema["lines"].Schema).ItemSchema;
        // The body's event_id is the event's own identity; the outbox message id (the message-id header consumers
        // dedupe on) is drawn by OutboxMessage.Create and cannot be chosen here.
        record["event_id"] = Guid.CreateVersion7(now);
        record["reservation_id"] = reservation.ReservationId;
        record["lines"] = reservation.Lines
            .Select(line => (object)new GenericRecord(lineSchema) { { "product_id", line.ProductId }, { "quantity", line.Quantity } })
            .ToList();
        record["occurred_at"] = now;
        return OutboxMessage.Create(topic, reservation.ReservationId.ToString(), record, now.UtcDateTime);
    }
}
