using CloudScale.Testing;
using CloudScale.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.BuildingBlocks.Tests.Outbox;

public sealed class OutboxTests(OutboxFixture fixture) : IClassFixture<OutboxFixture>
{
    private static readonly DateTime T0 = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task An_event_commits_or_rolls_back_together_with_the_business_change()
    {
        var key = Key();
        await using (var db = fixture.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Orders.Add(new ShopOrder { Id = Guid.NewGuid(), Note = key });
            db.Set<OutboxMessage>().Add(OutboxMessage.Create(OutboxFixture.Topic, key, OutboxFixture.OrderPlacedEvent(key), T0));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await fixture.CommitOrderAsync(key, key, T0);

        await using var check = fixture.NewContext();
        Assert.Equal(1, await check.Orders.CountAsync(o => o.Note == key));
        Assert.Equal(1, await check.Set<OutboxMessage>().CountAsync(m => m.Key == key));
    }

    [Fact]
    public async Task Events_go_out_once_each_in_commit_order_per_key_and_are_marked_published()
    {
        var keys = new[] { Key(), Key(), Key() };
        var committed = new List<OutboxMessage>();
        for (var i = 0; i < 5; i++)
        {
            foreach (var key in keys)
            {
                committed.Add(await fixture.CommitOrderAsync(key, $"{key}-{i}", T0));
            }
        }

        var transport = new RecordingTransport();
        using var dispatcher = fixture.Dispatcher(transport, new ManualClock(T0.AddSeconds(1)));
        while (await dispatcher.DispatchOnceAsync(CancellationToken.None) > 0)
        {
        }

        var mine = transport.Published.Where(m => keys.Contains(m.Key)).ToList();
        Assert.Equal(committed.Select(m => m.Id).Order(), mine.Select(m => m.Id).Order());
        foreach (var key in keys)
        {
            Assert.Equal(committed.Where(m => m.Key == key).Select(m => m.Id), mine.Where(m => m.Key == key).Select(m => m.Id));
        }

        await using var db = fixture.NewContext();
        Assert.Equal(0, await db.Set<OutboxMessage>().CountAsync(m => keys.Contains(m.Key) && m.PublishedAt == null));
    }

    [Fact]
    public async Task A_failing_event_holds_back_only_its_own_key_and_goes_out_first_when_the_retry_is_due()
    {
        var (stuck, flowing) = (Key(), Key());
        var first = await fixture.CommitOrderAsync(stuck, "s0", T0);
        await fixture.CommitOrderAsync(stuck, "s1", T0);
        await fixture.CommitOrderAsync(flowing, "f0", T0);
        var clock = new ManualClock(T0.AddSeconds(1));
        var transport = new RecordingTransport { Fail = m => m.Id == first.Id };
        using var dispatcher = fixture.Dispatcher(transport, clock);

        await dispatcher.DispatchOnceAsync(CancellationToken.None);

        Assert.DoesNotContain(transport.Published, m => m.Key == stuck);
        Assert.Contains(transport.Published, m => m.Key == flowing);
        await using (var db = fixture.NewContext())
        {
            var failed = await db.Set<OutboxMessage>().SingleAsync(m => m.Id == first.Id);
            Assert.Equal(1, failed.Attempts);
            Assert.Contains("broker refused", failed.LastError);
            Assert.Equal(clock.Now.UtcDateTime.AddSeconds(1), failed.NextAttemptAt, TimeSpan.FromMilliseconds(1));
            var statistics = await OutboxStatistics.ReadAsync(db, CancellationToken.None);
            Assert.True(statistics.Failing >= 1);
            Assert.True(statistics.Pending >= 2);
        }

        // Not due yet: the later event of the stuck key must not overtake it.
        transport.Fail = null;
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        Assert.DoesNotContain(transport.Published, m => m.Key == stuck);

        clock.Now = clock.Now.AddSeconds(2);
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        Assert.Equal(["s0", "s1"], transport.Published.Where(m => m.Key == stuck).Select(OutboxFixture.NoteOf));
    }

    [Fact]
    public async Task Two_dispatchers_running_at_once_publish_each_event_once()
    {
        var key = Key();
        for (var i = 0; i < 20; i++)
        {
            await fixture.CommitOrderAsync(key, $"{key}-{i}", T0);
        }

        var transport = new RecordingTransport { Latency = TimeSpan.FromMilliseconds(5) };
        var clock = new ManualClock(T0.AddSeconds(1));
        using var a = fixture.Dispatcher(transport, clock);
        using var b = fixture.Dispatcher(transport, clock);

        for (var round = 0; round < 20 && transport.Published.Count(m => m.Key == key) < 20; round++)
        {
            await Task.WhenAll(a.DispatchOnceAsync(CancellationToken.None), b.DispatchOnceAsync(CancellationToken.None));
        }

        var mine = transport.Published.Where(m => m.Key == key).Select(m => m.KeyOrdinal).ToList();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), mine);
    }

    [Fact]
    public async Task Events_of_one_key_saved_together_go_out_in_the_order_they_were_made()
    {
        var key = Key();
        await using (var db = fixture.NewContext())
        {
            for (var i = 0; i < 8; i++)
            {
                db.Set<OutboxMessage>().Add(OutboxMessage.Create(OutboxFixture.Topic, key, OutboxFixture.OrderPlacedEvent($"n{i}"), T0));
            }

            await db.SaveChangesAsync();
        }

        var transport = new RecordingTransport();
        using var dispatcher = fixture.Dispatcher(transport, new ManualClock(T0.AddSeconds(1)));
        await dispatcher.DispatchOnceAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"n{i}"), transport.Published.Where(m => m.Key == key).Select(OutboxFixture.NoteOf));
    }

    [Fact]
    public async Task A_second_writer_of_a_key_waits_for_the_first_to_commit_so_events_go_out_in_commit_order()
    {
        var key = Key();
        await using var first = fixture.NewContext();
        await using var firstTransaction = await first.Database.BeginTransactionAsync();
        first.Set<OutboxMessage>().Add(OutboxMessage.Create(OutboxFixture.Topic, key, OutboxFixture.OrderPlacedEvent("first"), T0));
        await first.SaveChangesAsync();

        var second = fixture.CommitOrderAsync(key, "second", T0);
        await Task.Delay(500);
        Assert.False(second.IsCompleted, "the second writer of the key must wait for the first's commit");
        await firstTransaction.CommitAsync();
        await second;

        var transport = new RecordingTransport();
        using var dispatcher = fixture.Dispatcher(transport, new ManualClock(T0.AddSeconds(1)));
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        Assert.Equal(["first", "second"], transport.Published.Where(m => m.Key == key).Select(OutboxFixture.NoteOf));
    }

    [Fact]
    public async Task A_context_that_forgot_UseOutbox_cannot_save_events_rather_than_publish_them_out_of_order()
    {
        var options = new DbContextOptionsBuilder<ShopDbContext>().UseNpgsql(fixture.Database.ConnectionString).Options;
        await using var db = new ShopDbContext(options);
        db.Set<OutboxMessage>().Add(OutboxMessage.Create(OutboxFixture.Topic, Key(), OutboxFixture.OrderPlacedEvent("x"), T0));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("key_ordinal", error.InnerException!.Message);
    }

    [Fact]
    public void Unusable_options_are_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new OutboxDispatcher<ShopDbContext>(
            fixture.Services.GetRequiredService<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>(), new RecordingTransport(),
            new OutboxOptions { BatchSize = 0 }, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<OutboxDispatcher<ShopDbContext>>.Instance));
        Assert.Contains("BatchSize must be 1 or more, got 0", error.Message);
    }

    private static string Key() => "order-" + Guid.NewGuid().ToString("N")[..12];
}
