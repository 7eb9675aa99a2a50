using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CloudScale.BuildingBlocks.Control;

namespace CloudScale.Inventory.Tests;

/// <summary>The internal stock API over HTTP as legacy's stock gateway calls it once Inventory owns stock.</summary>
public sealed class InternalStockApiTests(InternalStockApiFixture fixture) : IClassFixture<InternalStockApiFixture>, IAsyncLifetime
{
    private HttpClient Http => fixture.Http;

    public Task InitializeAsync() => InventoryFixture.SetOwnerAsync(fixture.Database, StockOwner.Inventory);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_reservation_holds_every_line_and_a_repeat_answers_the_first_answer_holding_once()
    {
        var (a, b) = (await fixture.StockProductAsync(10), await fixture.StockProductAsync(4));
        var request = new InternalReserveRequest(Guid.NewGuid(), [new(a, 3), new(b, 4)], "gateway-1", 120);

        var first = await PostAsync<InternalReserveResponse>(InternalStockApi.Reservations, request);
        fixture.Clock.Now = fixture.Clock.Now.AddSeconds(10);
        var again = await PostAsync<InternalReserveResponse>(InternalStockApi.Reservations, request);

        Assert.Equal((request.ReservationId, true, fixture.Clock.Now.AddSeconds(110)), (first.ReservationId, first.Reserved, first.ExpiresAt));
        Assert.Empty(first.Shortages);
        Assert.Equal((true, first.ExpiresAt), (again.Reserved, again.ExpiresAt));
        Assert.Equal((10, 3), await fixture.StockRowAsync(a));
        Assert.Equal((4, 4), await fixture.StockRowAsync(b));
        Assert.Equal("Held", await fixture.ReservationStatusAsync(request.ReservationId));
    }

    [Fact]
    public async Task A_shortage_on_one_line_holds_nothing_and_names_the_short_line()
    {
        var (plenty, scarce) = (await fixture.StockProductAsync(10), await fixture.StockProductAsync(2));
        var id = Guid.NewGuid();

        var result = await PostAsync<InternalReserveResponse>(InternalStockApi.Reservations,
            new InternalReserveRequest(id, [new(plenty, 5), new(scarce, 3)], null, null));

        Assert.Equal((id, false, (DateTimeOffset?)null), (result.ReservationId, result.Reserved, result.ExpiresAt));
        Assert.Equal([new InternalShortage(scarce, 3, 2)], result.Shortages);
        Assert.Equal((10, 0), await fixture.StockRowAsync(plenty));
        Assert.Equal((2, 0), await fixture.StockRowAsync(scarce));
        Assert.Null(await fixture.ReservationStatusAsync(id));
    }

    [Fact]
    public async Task Commit_sells_once_release_gives_back_once_and_unknown_ids_are_unknown()
    {
        var product = await fixture.StockProductAsync(10);
        var (sold, givenBack, unknown) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await PostAsync<InternalReserveResponse>(InternalStockApi.Reservations, new InternalReserveRequest(sold, [new(product, 2)], null, null));
        await PostAsync<InternalReserveResponse>(InternalStockApi.Reservations, new InternalReserveRequest(givenBack, [new(product, 3)], null, null));

        Assert.Equal(new InternalReservationOutcome(sold, true, "Committed"), await PostAsync<InternalReservationOutcome>(InternalStockApi.Commit(sold), null));
        Assert.Equal(new InternalReservationOutcome(sold, true, "Committed"), await PostAsync<InternalReservationOutcome>(InternalStockApi.Commit(sold), null));
        Assert.Equal(new InternalReservationOutcome(sold, false, "Committed"),
            await PostAsync<InternalReservationOutcome>(InternalStockApi.Release(sold), new InternalReleaseRequest("too_late")));
        Assert.Equal(new InternalReservationOutcome(givenBack, true, "Released"),
            await PostAsync<InternalReservationOutcome>(InternalStockApi.Release(givenBack), new InternalReleaseRequest("payment_declined")));
        Assert.Equal(new InternalReservationOutcome(givenBack, true, "Released"),
            await PostAsync<InternalReservationOutcome>(InternalStockApi.Release(givenBack), new InternalReleaseRequest(null)));
        Assert.Equal(new InternalReservationOutcome(givenBack, false, "Released"), await PostAsync<InternalReservationOutcome>(InternalStockApi.Commit(givenBack), null));
        Assert.Equal(new InternalReservationOutcome(unknown, false, "Unknown"), await PostAsync<InternalReservationOutcome>(InternalStockApi.Commit(unknown), null));
        Assert.Equal(new InternalReservationOutcome(unknown, true, "Unknown"),
            await PostAsync<InternalReservationOutcome>(InternalStockApi.Release(unknown), new InternalReleaseRequest("cancelled")));

        Assert.Equal((8, 0), await fixture.StockRowAsync(product));
        Assert.Equal("payment_declined", await fixture.Database.ScalarAsync<string>(
            "SELECT release_reason FROM inventory.reservations WHERE reservation_id = @id", ("id", givenBack)));
    }

    [Fact]
    public async Task Levels_answer_one_product_or_several_and_an_unknown_one_is_product_not_found()
    {
        var product = await fixture.StockProductAsync(6);
        await PostAsync<InternalReserveResponse>(InternalStockApi.Reservations, new InternalReserveRequest(Guid.NewGuid(), [new(product, 2)], null, null));
        var unknown = Guid.NewGuid();

        var single = await Http.GetFromJsonAsync<InternalStockLevel>(InternalStockApi.Level(product), JsonSerializerOptions.Web);
        var batch = await PostAsync<InternalAvailabilityResponse>(InternalStockApi.Levels, new InternalAvailabilityRequest([product, unknown]));
        using var missing = await Http.GetAsync(InternalStockApi.Level(unknown));
        using var notAnId = await Http.GetAsync(InternalStockApi.Prefix + "/levels/not-a-product");

        Assert.Equal(new InternalStockLevel(product, 6, 2, 4), single);
        Assert.Equal([new InternalStockLevel(product, 6, 2, 4)], batch.Items);
        Assert.Equal((HttpStatusCode.NotFound, "product_not_found"), (missing.StatusCode, await CodeAsync(missing)));
        Assert.Equal((HttpStatusCode.NotFound, "product_not_found"), (notAnId.StatusCode, await CodeAsync(notAnId)));
    }

    [Fact]
    public async Task Reserving_an_unknown_product_is_product_not_found_and_holds_nothing()
    {
        var known = await fixture.StockProductAsync(5);
        var id = Guid.NewGuid();

        using var response = await Http.PostAsJsonAsync(InternalStockApi.Reservations,
            new InternalReserveRequest(id, [new(known, 1), new(Guid.NewGuid(), 1)], null, null), JsonSerializerOptions.Web);

        Assert.Equal((HttpStatusCode.NotFound, "product_not_found"), (response.StatusCode, await CodeAsync(response)));
        Assert.Equal((5, 0), await fixture.StockRowAsync(known));
        Assert.Null(await fixture.ReservationStatusAsync(id));
    }

    public static TheoryData<string, string> InvalidReservations => new()
    {
        { "lines[0].quantity", """{"reservationId":"{id}","lines":[{"productId":"{p}","quantity":0}]}""" },
        { "lines[0].quantity", """{"reservationId":"{id}","lines":[{"productId":"{p}","quantity":1000}]}""" },
        { "lines[1].productId", """{"reservationId":"{id}","lines":[{"productId":"{p}","quantity":1},{"productId":"{p}","quantity":2}]}""" },
        { "lines", """{"reservationId":"{id}","lines":[]}""" },
        { "lines", """{"reservationId":"{id}","lines":[{many}]}""" },
        { "holdForSeconds", """{"reservationId":"{id}","lines":[{"productId":"{p}","quantity":1}],"holdForSeconds":0}""" },
        { "holdForSeconds", """{"reservationId":"{id}","lines":[{"productId":"{p}","quantity":1}],"holdForSeconds":3601}""" },
        { "reservationId", """{"reservationId":"00000000-0000-0000-0000-000000000000","lines":[{"productId":"{p}","quantity":1}]}""" },
    };

    [Theory]
    [MemberData(nameof(InvalidReservations))]
    public async Task An_invalid_reservation_is_400_validation_failed_naming_the_field_and_changes_nothing(string field, string template)
    {
        var product = await fixture.StockProductAsync(500);
        var id = Guid.NewGuid();
        // 51 distinct products, one over the contract's 50 lines.
        var many = string.Join(",", Enumerable.Range(0, 51).Select(_ => $$"""{"productId":"{{Guid.NewGuid()}}","quantity":1}"""));
        var json = template.Replace("{id}", id.ToString()).Replace("{p}", product.ToString()).Replace("{many}", many);

        using var response = await Http.PostAsync(InternalStockApi.Reservations, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_failed", problem.RootElement.GetProperty("code").GetString());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem.RootElement}");
        Assert.Equal((500, 0), await fixture.StockRowAsync(product));
        Assert.Null(await fixture.ReservationStatusAsync(id));
    }

    [Fact]
    public async Task While_legacy_owns_stock_every_call_is_409_stock_owner_moved_and_nothing_is_written()
    {
        var product = await fixture.StockProductAsync(5);
        var held = Guid.NewGuid();
        await PostAsync<InternalReserveResponse>(InternalStockApi.Reservations, new InternalReserveRequest(held, [new(product, 2)], null, null));
        await InventoryFixture.SetOwnerAsync(fixture.Database, StockOwner.Legacy);

        using var level = await Http.GetAsync(InternalStockApi.Level(product));
        using var levels = await Http.PostAsJsonAsync(InternalStockApi.Levels, new InternalAvailabilityRequest([product]), JsonSerializerOptions.Web);
        using var reserve = await Http.PostAsJsonAsync(InternalStockApi.Reservations,
            new InternalReserveRequest(Guid.NewGuid(), [new(product, 1)], null, null), JsonSerializerOptions.Web);
        using var commit = await Http.PostAsync(InternalStockApi.Commit(held), null);
        using var release = await Http.PostAsJsonAsync(InternalStockApi.Release(held), new InternalReleaseRequest("cancelled"), JsonSerializerOptions.Web);

        foreach (var response in new[] { level, levels, reserve, commit, release })
        {
            Assert.Equal((HttpStatusCode.Conflict, InternalStockApi.OwnerMovedCode), (response.StatusCode, await CodeAsync(response)));
        }

        Assert.Equal((5, 2), await fixture.StockRowAsync(product));
        Assert.Equal("Held", await fixture.ReservationStatusAsync(held));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM inventory.reservations"));
    }

    private async Task<T> PostAsync<T>(string path, object? body)
    {
        using var response = body is null
            ? await Http.PostAsync(path, null)
            : await Http.PostAsync(path, JsonContent.Create(body, body.GetType(), options: JsonSerializerOptions.Web));
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web))!;
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
