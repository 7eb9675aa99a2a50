using CloudScale.BuildingBlocks.Avro;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Domain;

namespace CloudScale.Checkout.Infrastructure.Events;

/// <summary><c>checkout.order_created.v1</c>: a confirmed, captured order, keyed by order id.</summary>
internal static class OrderCreatedEvent
{
    public static readonly RecordSchema Schema = (RecordSchema)BuildingBlocks.Avro.Schema.Parse("""
        {
          "type": "record", "name": "OrderCreated", "namespace": "cloudscale.checkout",
          "doc": "A confirmed order whose payment was captured and whose stock was committed.",
          "fields": [
            {"name": "order_id", "type": {"type": "string", "logicalType": "uuid"}},
            {"name": "shopper_id", "type": ["null", "string"], "default": null},
            {"name": "total_cents", "type": "long"},
            {"name": "currency", "type": "string"},
            {"name": "items", "type": {"type": "array", "items": {
              "type": "record", "name": "OrderCreatedItem",
              "fields": [
                {"name": "product_id", "type": {"type": "string", "logicalType": "uuid"}},
                {"name": "quantity", "type": "int"},
                {"name": "price_cents", "type": "long"}
              ]}}},
            {"name": "occurred_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
            {"name": "trace_id", "type": ["null", "string"], "default": null},
            {"name": "span_id", "type": ["null", "string"], "default": null}
          ]
        }
        """);

    private static readonly RecordSchema ItemSchema = (RecordSchema)((ArraySchema)Schema["items"].Schema).ItemSchema;

    public static OutboxMessage Create(Order order, CheckoutSaga saga, DateTimeOffset now)
    {
        var record = new GenericRecord(Schema)
        {
            { "order_id", order.Id },
            { "shopper_id", order.ShopperId },
            { "total_cents", order.TotalCents },
            { "currency", order.Currency },
            { "items", order.Lines.OrderBy(l => l.LineNo)
                .Select(l => new GenericRecord(ItemSchema) { { "product_id", l.ProductId }, { "quantity", l.Quantity }, { "price_cents", l.UnitPriceCents } })
                .ToList() },
            { "occurred_at", now.UtcDateTime },
            { "trace_id", saga.TraceId },
            { "span_id", saga.SpanId },
        };
        return OutboxMessage.Create(CheckoutTopics.OrderCreated, order.Id.ToString("D"), record, now.UtcDateTime, saga.CorrelationId);
    }
}
