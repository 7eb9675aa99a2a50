namespace CloudScale.Legacy.Stock;

/// <summary>The stock owner could not answer (unreachable, timed out, failing); the gateway turns it into a retryable 503.</summary>
internal sealed class StockOwnerUnavailableException(string message) : Exception(message);
