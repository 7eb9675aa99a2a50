using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using CloudScale.Inventory.Application.Backfill;
using Microsoft.Extensions.Options;

namespace CloudScale.Inventory.Infrastructure.Legacy;

/// <summary>
/// The anti-corruption adapter over the legacy monolith's public HTTP API (never its tables): the legacy shapes
/// stay in this folder, Inventory sees only <see cref="LegacyStock"/>.
/// </summary>
internal sealed class LegacyInventoryClient(HttpClient http, IOptions<InventoryOptions> options) : ILegacyStockSource
{
    public async IAsyncEnumerable<IReadOnlyList<Guid>> ProductPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pageSize = options.Value.Legacy.PageSize;
        for (var page = 1; ; page++)
        {
            var body = await http.GetFromJsonAsync<LegacyProductPage>($"api/v1/products?page={page}&pageSize={pageSize}", cancellationToken)
                       ?? throw new InvalidDataException($"legacy GET /api/v1/products?page={page} answered an empty body");
            if (body.Items.Count == 0)
            {
                yield break;
            }

            yield return body.Items.Select(item => item.ProductId).ToList();
            if ((long)page * pageSize >= body.TotalCount)
            {
                yield break;
            }
        }
    }

    public async Task<LegacyStock?> StockAsync(Guid productId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"api/v1/inventory/{productId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var level = await response.Content.ReadFromJsonAsync<LegacyStockLevel>(cancellationToken)
                    ?? throw new InvalidDataException($"legacy GET /api/v1/inventory/{productId} answered an empty body");
        return new LegacyStock(level.ProductId, level.OnHand);
    }
}
