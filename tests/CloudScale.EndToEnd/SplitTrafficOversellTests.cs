using System.Net;
using CloudScale.Testing;

namespace CloudScale.EndToEnd;

/// <summary>
/// The test the whole ownership design exists for: checkout routed 50/50, 100 shoppers at once buying one unit each of
/// a product with 10, half served by legacy and half by the modular host. Stock has one writer (legacy here), the
/// modular side reserves through legacy's internal stock API, so exactly 10 sell — counted in BOTH sides' order
/// tables and reconciled against stock.
/// </summary>
[Collection(SplitTrafficRaces.Name)]
public sealed class SplitTrafficOversellTests(MigrationStackFixture stack) : IClassFixture<MigrationStackFixture>
{
    [Fact]
    public async Task At_50_percent_100_shoppers_on_both_sides_buy_exactly_the_10_units_there_are()
    {
        await stack.RouteCheckoutAndPaymentAsync(50);
        var (legacyShoppers, modularShoppers) = await stack.ShoppersOnEachSideAsync(50);
        var productId = await stack.Data.TakeProductAsync(onHand: 10);

        var race = await SplitRace.PrepareAsync(stack, productId, legacyShoppers, modularShoppers);
        var outcomes = await race.CompleteAllAsync();

        SplitRace.AssertEveryAnswerIsASaleOrOutOfStock(outcomes);
        Assert.Equal(10, outcomes.Count(o => o.Sold));
        await race.AssertReconciledAsync(outcomes, expectedOwner: "legacy");
        // The modular side really sold through legacy's stock: its holds are in legacy's reservation table.
        Assert.Equal(outcomes.Count(o => o.Sold && o.Side == "modular"), await stack.Database.ScalarAsync<long>(
            "SELECT count(*) FROM legacy.stock_reservations r JOIN legacy.stock_reservation_lines l USING (reservation_id) " +
            "WHERE l.product_id = @p AND r.status = 'Committed'", ("p", Guid.Parse(productId))));
    }
}

/// <summary>The same race with stock ownership moved from legacy to the Inventory module while it runs.</summary>
[Collection(SplitTrafficRaces.Name)]
public sealed class CutoverDuringSplitTrafficTests(CutoverStackFixture stack) : IClassFixture<CutoverStackFixture>
{
    [Fact]
    public async Task A_cutover_in_the_middle_of_the_race_still_sells_exactly_10_and_pauses_writes_briefly()
    {
        await stack.RouteCheckoutAndPaymentAsync(50);
        var (legacyShoppers, modularShoppers) = await stack.ShoppersOnEachSideAsync(50);
        var productId = await stack.Data.TakeProductAsync(onHand: 10);
        var race = await SplitRace.PrepareAsync(stack, productId, legacyShoppers, modularShoppers);

        var completing = race.CompleteAllAsync();
        await race.WaitForAnswersAsync(5);
        var cutover = await stack.AdminAsync(HttpMethod.Post, "owners/stock/cutover", new { to = "inventory", reason = "e2e mid-race" });
        var answeredAtCutover = race.AnsweredSoFar;
        var outcomes = await completing;

        Assert.True(cutover["changed"]!.GetValue<bool>());
        Assert.Equal("inventory", cutover["to"]!.GetValue<string>());
        Assert.InRange(cutover["writePauseMs"]!.GetValue<double>(), 0.001, 10_000);
        Assert.True(answeredAtCutover < 100, "the cutover should happen while shoppers are still completing");
        SplitRace.AssertEveryAnswerIsASaleOrOutOfStock(outcomes);
        Assert.Equal(10, outcomes.Count(o => o.Sold));
        await race.AssertReconciledAsync(outcomes, expectedOwner: "inventory");

        // And back: legacy owns again with Inventory's quantities, and a legacy shopper can still buy what is left.
        var back = await stack.AdminAsync(HttpMethod.Post, "owners/stock/cutover", new { to = "legacy", reason = "e2e back" });
        Assert.Equal("legacy", back["to"]!.GetValue<string>());
        Assert.Equal(0, await stack.Data.OnHandAsync(productId));
        var other = await stack.Data.TakeProductAsync(onHand: 2);
        await stack.AdminAsync(HttpMethod.Post, "owners/stock/cutover", new { to = "inventory", reason = "e2e again" });
        var buyer = stack.Shopper(modularShoppers[0]);
        var session = await buyer.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (other, 1));
        Assert.Equal("CONFIRMED", (await buyer.CompleteAsync(session)).Expect(HttpStatusCode.OK).Str("status"));
        Assert.Equal(1, await stack.Database.ScalarAsync<int>(
            "SELECT on_hand FROM inventory.stock_items WHERE product_id = @p", ("p", Guid.Parse(other))));
    }
}

/// <summary>The two races run one after the other: each is 100 shoppers against a whole stack, on two cores.</summary>
[CollectionDefinition(Name)]
public sealed class SplitTrafficRaces
{
    public const string Name = "split-traffic races";
}

/// <summary>Its own stack: the cutover leaves Inventory owning stock, which no other test class expects.</summary>
public sealed class CutoverStackFixture : MigrationStackFixture;

/// <summary>100 prepared checkouts (cart with one unit, card, session) completed all at once, and the books checked afterwards.</summary>
internal sealed class SplitRace
{
    private readonly MigrationStackFixture stack;
    private readonly string productId;
    private readonly List<(ShopperApiClient Shopper, string Side, string Session)> checkouts;
    private int answered;
    private readonly TaskCompletionSource[] answers = Enumerable.Range(0, 101).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();

    private SplitRace(MigrationStackFixture stack, string productId, List<(ShopperApiClient, string, string)> checkouts)
    {
        this.stack = stack;
        this.productId = productId;
        this.checkouts = checkouts;
    }

    public static async Task<SplitRace> PrepareAsync(MigrationStackFixture stack, string productId, List<string> legacy, List<string> modular)
    {
        var shoppers = legacy.Select(id => (Id: id, Side: "legacy")).Concat(modular.Select(id => (Id: id, Side: "modular")));
        using var gate = new SemaphoreSlim(8);
        var prepared = await Task.WhenAll(shoppers.Select(async s =>
        {
            await gate.WaitAsync();
            try
            {
                var shopper = stack.Shopper(s.Id);
                return (shopper, s.Side, await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1)));
            }
            finally
            {
                gate.Release();
            }
        }));
        return new SplitRace(stack, productId, [.. prepared]);
    }

    public async Task<List<Outcome>> CompleteAllAsync()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = checkouts.Select(async c =>
        {
            await start.Task;
            var response = await c.Shopper.CompleteAsync(c.Session);
            Answered();
            response.Headers.TryGetValue("X-CloudScale-Route", out var route);
            return new Outcome(c.Side, route ?? "", response.Status, response.ProblemCode, response.Json?["orderId"]?.ToString());
        }).ToList();
        start.SetResult();
        return [.. await Task.WhenAll(running)];
    }

    public Task WaitForAnswersAsync(int count) => answers[count].Task.WaitAsync(TimeSpan.FromSeconds(60));

    public int AnsweredSoFar => Volatile.Read(ref answered);

    private void Answered()
    {
        var n = Interlocked.Increment(ref answered);
        if (n < answers.Length)
        {
            answers[n].TrySetResult();
        }
    }

    public static void AssertEveryAnswerIsASaleOrOutOfStock(List<Outcome> outcomes)
    {
        var unexpected = outcomes.Where(o => !o.Sold && !(o.Status == HttpStatusCode.Conflict && o.Code == "out_of_stock")).ToList();
        Assert.True(unexpected.Count == 0, "unexpected answers: " + string.Join(", ", unexpected.Select(o => $"{o.Side} {(int)o.Status} {o.Code}")));
        Assert.All(outcomes, o => Assert.Equal("checkout=" + o.Side, o.Route));
    }

    /// <summary>Orders on both sides add up to the units that left stock, and the owner's stock is exactly sold out.</summary>
    public async Task AssertReconciledAsync(List<Outcome> outcomes, string expectedOwner)
    {
        var product = Guid.Parse(productId);
        var legacyOrders = await stack.Database.ScalarAsync<long>(
            "SELECT coalesce(sum(l.quantity), 0) FROM legacy.orders o JOIN legacy.order_lines l USING (order_id) " +
            "WHERE l.product_id = @p AND o.status = 'CONFIRMED'", ("p", product));
        var modularOrders = await stack.Database.ScalarAsync<long>(
            "SELECT coalesce(sum(l.quantity), 0) FROM checkout.orders o JOIN checkout.order_lines l USING (order_id) " +
            "WHERE l.product_id = @p AND o.status = 'CONFIRMED'", ("p", product));
        Assert.Equal(outcomes.Count(o => o.Sold && o.Side == "legacy"), legacyOrders);
        Assert.Equal(outcomes.Count(o => o.Sold && o.Side == "modular"), modularOrders);
        Assert.Equal(10, legacyOrders + modularOrders);
        Assert.Equal(expectedOwner, await stack.Database.ScalarAsync<string>("SELECT owner FROM control.data_owners WHERE domain = 'stock'"));
        var (stockTable, key) = expectedOwner == "legacy" ? ("legacy.stock_levels", "product_id") : ("inventory.stock_items", "product_id");
        Assert.Equal(0, await stack.Database.ScalarAsync<int>($"SELECT on_hand FROM {stockTable} WHERE {key} = @p", ("p", product)));
        Assert.Equal(0, await stack.Database.ScalarAsync<int>($"SELECT reserved FROM {stockTable} WHERE {key} = @p", ("p", product)));
    }

    internal sealed record Outcome(string Side, string Route, HttpStatusCode Status, string? Code, string? OrderId)
    {
        public bool Sold => Status == HttpStatusCode.OK && OrderId is not null;
    }
}
