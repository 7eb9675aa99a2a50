using CloudScale.BuildingBlocks.Avro;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.Payment.Contracts;
using CloudScale.Payment.Domain;

namespace CloudScale.Payment.Infrastructure.Events;

/// <summary>
/// Payment's integration events as outbox messages (key = payment id), in the shapes of the Contracts records
/// (<see cref="PaymentAuthorizedV1"/> …). They carry ids, amounts and reasons only: no card data at all.
/// </summary>
internal static class PaymentEvents
{
    private const string Uuid = """{"type":"string","logicalType":"uuid"}""";
    private const string Timestamp = """{"type":"long","logicalType":"timestamp-millis"}""";

    private static readonly RecordSchema Authorized = Record("PaymentAuthorized",
        """{"name":"amount_cents","type":"long"},{"name":"currency","type":"string"}""");

    private static readonly RecordSchema Captured = Record("PaymentCaptured",
        """{"name":"amount_cents","type":"long"},{"name":"currency","type":"string"}""");

    private static readonly RecordSchema Refunded = Record("PaymentRefunded",
        """{"name":"refunded_cents","type":"long"},{"name":"currency","type":"string"}""");

    private static readonly RecordSchema Failed = Record("PaymentFailed", """{"name":"reason","type":"string"}""");

    public static OutboxMessage PaymentAuthorized(CardPayment payment, DateTime now) =>
        Message(PaymentTopics.Authorized, payment, Authorized, now, ("amount_cents", payment.AmountCents), ("currency", payment.Currency));

    public static OutboxMessage PaymentCaptured(CardPayment payment, DateTime now) =>
        Message(PaymentTopics.Captured, payment, Captured, now, ("amount_cents", payment.AmountCents), ("currency", payment.Currency));

    public static OutboxMessage PaymentRefunded(CardPayment payment, DateTime now) =>
        Message(PaymentTopics.Refunded, payment, Refunded, now, ("refunded_cents", payment.RefundedCents), ("currency", payment.Currency));

    /// <param name="reason">The decline code (only final outcomes are published; see AuthorizePaymentHandler).</param>
    public static OutboxMessage PaymentFailed(CardPayment payment, string reason, DateTime now) =>
        Message(PaymentTopics.Failed, payment, Failed, now, ("reason", reason));

    private static OutboxMessage Message(string topic, CardPayment payment, RecordSchema schema, DateTime now, params (string Field, object Value)[] fields)
    {
        var record = new GenericRecord(schema)
        {
            { "event_id", Guid.CreateVersion7(now) },
            { "payment_id", payment.PaymentId },
            { "occurred_at", now },
        };
        foreach (var (field, value) in fields)
        {
            record.Add(field, value);
        }

        return OutboxMessage.Create(topic, payment.PaymentId.ToString(), record, now);
    }

    private static RecordSchema Record(string name, string fields) => (RecordSchema)Schema.Parse($$"""
        {"type":"record","name":"{{name}}","namespace":"cloudscale.payment","fields":[
          {"name":"event_id","type":{{Uuid}}},
          {"name":"payment_id","type":{{Uuid}}},
          {{fields}},
          {"name":"occurred_at","type":{{Timestamp}}}
        ]}
        """);
}
