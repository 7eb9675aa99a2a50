using CloudScale.Inventory.Contracts;
using CloudScale.Payment.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Checkout.Application.Saga;

/// <summary>
/// Calls Inventory and Payment each in a scope of its own, as if they were remote: a saga makes many calls in a
/// row, and nothing one call's unit of work tracked (stock rows, payment state) may leak into the next.
/// </summary>
internal sealed class OtherModules(IServiceScopeFactory scopes)
{
    public Task<T> InventoryAsync<T>(Func<IInventoryModule, Task<T>> call) => CallAsync(call);

    public Task<T> PaymentAsync<T>(Func<IPaymentModule, Task<T>> call) => CallAsync(call);

    private async Task<T> CallAsync<TModule, T>(Func<TModule, Task<T>> call)
        where TModule : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TModule>());
    }
}
