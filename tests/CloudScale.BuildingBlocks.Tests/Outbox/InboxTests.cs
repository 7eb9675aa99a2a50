using CloudScale.BuildingBlocks.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.BuildingBlocks.Tests.Outbox;

public sealed class InboxTests(OutboxFixture fixture) : IClassFixture<OutboxFixture>
{
    [Fact]
    public async Task A_message_delivered_ten_times_at_once_and_again_later_is_handled_exactly_once()
    {
        var messageId = Guid.NewGuid();
        var note = "inbox-" + messageId;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => DeliverAsync(messageId, note))));
        var later = await DeliverAsync(messageId, note);

        Assert.Equal(1, outcomes.Count(handled => handled));
        Assert.False(later);
        await using var db = fixture.NewContext();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.Note == note));
    }

    [Fact]
    public async Task A_failed_handler_leaves_no_trace_so_the_redelivery_runs_it()
    {
        var messageId = Guid.NewGuid();
        var note = "retry-" + messageId;
        await using (var failing = fixture.NewContext())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => Inbox.Inbox.HandleOnceAsync(failing, "shop-projector", messageId, async ct =>
            {
                failing.Orders.Add(new ShopOrder { Id = Guid.NewGuid(), Note = note });
                await failing.SaveChangesAsync(ct);
                throw new InvalidOperationException("handler crashed after writing");
            }, CancellationToken.None));
        }

        Assert.True(await DeliverAsync(messageId, note));

        await using var db = fixture.NewContext();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.Note == note));
        Assert.Equal(1, await db.Set<InboxMessage>().CountAsync(m => m.MessageId == messageId));
    }

    [Fact]
    public async Task Each_consumer_keeps_its_own_record_of_a_message()
    {
        var messageId = Guid.NewGuid();
        await using var db = fixture.NewContext();

        Assert.True(await Inbox.Inbox.HandleOnceAsync(db, "projector-a", messageId, _ => Task.CompletedTask, CancellationToken.None));
        Assert.True(await Inbox.Inbox.HandleOnceAsync(db, "projector-b", messageId, _ => Task.CompletedTask, CancellationToken.None));
        Assert.False(await Inbox.Inbox.HandleOnceAsync(db, "projector-a", messageId, _ => Task.CompletedTask, CancellationToken.None));
    }

    private async Task<bool> DeliverAsync(Guid messageId, string note)
    {
        await using var db = fixture.NewContext();
        return await Inbox.Inbox.HandleOnceAsync(db, "shop-projector", messageId, _ =>
        {
            db.Orders.Add(new ShopOrder { Id = Guid.NewGuid(), Note = note });
            return Task.CompletedTask;
        }, CancellationToken.None);
    }
}
