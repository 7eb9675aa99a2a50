using System.Diagnostics;
using System.Text;
using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Kafka;

namespace CloudScale.BuildingBlocks.Tests.Kafka;

public sealed class KafkaMessageTests
{
    [Fact]
    public void A_message_carries_the_current_trace_context_and_the_given_correlation_id()
    {
        using var activity = new Activity("place order").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.TraceStateString = "vendor=1";

        var message = KafkaMessage.Create("k"u8.ToArray(), "v"u8.ToArray(), correlationId: "corr-42");

        Assert.Equal(activity.Id, message.Headers.GetHeader(KafkaMessage.TraceParentHeader));
        Assert.Equal("vendor=1", message.Headers.GetHeader(KafkaMessage.TraceStateHeader));
        Assert.Equal("corr-42", KafkaMessage.CorrelationIdOf(message));
        var parent = KafkaMessage.ParentContextOf(message);
        Assert.Equal((activity.TraceId, activity.SpanId, "vendor=1"), (parent.TraceId, parent.SpanId, parent.TraceState));
    }

    [Fact]
    public void A_stored_trace_parent_wins_over_the_current_activity()
    {
        const string stored = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        using var activity = new Activity("outbox dispatch").SetIdFormat(ActivityIdFormat.W3C).Start();

        var message = KafkaMessage.Create([], [], traceParent: stored);

        Assert.Equal(stored, message.Headers.GetHeader(KafkaMessage.TraceParentHeader));
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", KafkaMessage.ParentContextOf(message).TraceId.ToHexString());
    }

    [Fact]
    public void Without_an_activity_or_an_acceptable_correlation_id_a_new_id_is_made_and_no_trace_header_is_added()
    {
        Assert.Null(Activity.Current);

        var message = KafkaMessage.Create([], [], correlationId: "has spaces");

        Assert.Null(message.Headers.GetHeader(KafkaMessage.TraceParentHeader));
        var correlationId = KafkaMessage.CorrelationIdOf(message);
        Assert.True(CorrelationId.IsAcceptable(correlationId));
        Assert.NotEqual("has spaces", correlationId);
        Assert.Equal(default, KafkaMessage.ParentContextOf(message));
    }

    [Fact]
    public void Header_values_are_read_as_utf8_and_missing_headers_as_null()
    {
        var message = KafkaMessage.Create([], []);
        message.Headers.Add("x-reason", Encoding.UTF8.GetBytes("größe"));

        Assert.Equal("größe", message.Headers.GetHeader("x-reason"));
        Assert.Null(message.Headers.GetHeader("x-absent"));
    }
}
