using System.Diagnostics;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Checkout.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Checkout.Tests;

/// <summary>
/// Run as <c>dotnet CloudScale.Checkout.Tests.dll &lt;role&gt; …</c>, this assembly is a separate process that a test
/// can really kill (the test runner never calls this entry point).
/// </summary>
public static class ChildProcess
{
    public static async Task<int> Main(string[] args) => args switch
    {
        ["complete-checkout", var postgres, var catalog, var sessionId, var key] => await CompleteCheckoutAsync(postgres, new Uri(catalog), Guid.Parse(sessionId), key),
        _ => Usage(),
    };

    /// <summary>Starts this assembly as a child in <paramref name="role"/>; the caller waits for or kills it.</summary>
    public static Process Start(string role, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        start.ArgumentList.Add(role);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>
    /// The modules without their background services (nothing recovers in the child), completing one checkout. The
    /// gateway timeout is long, so a hanging capture really hangs until the test kills this process.
    /// </summary>
    private static async Task<int> CompleteCheckoutAsync(string postgres, Uri catalog, Guid sessionId, string key)
    {
        using var host = CheckoutHost.Build(postgres, catalog, new Dictionary<string, string?>
        {
            ["Payment:Gateway:Timeout"] = "00:01:30",
            ["Payment:Gateway:MaxRetries"] = "0",
        }, new RecordingTransport());
        await using var scope = host.Services.CreateAsyncScope();
        CorrelationId.Current = "child-" + sessionId.ToString("N");
        var completion = await scope.ServiceProvider.GetRequiredService<ICheckoutModule>().CompleteCheckoutAsync(sessionId, key, CancellationToken.None);
        Console.WriteLine($"completed {completion.Status}");
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: CloudScale.Checkout.Tests.dll complete-checkout <postgres> <catalog-url> <checkout-session-id> <idempotency-key>");
        return 2;
    }
}
