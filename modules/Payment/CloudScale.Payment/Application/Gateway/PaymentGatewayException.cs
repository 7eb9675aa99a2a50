namespace CloudScale.Payment.Application.Gateway;

/// <summary>
/// The gateway failed, did not answer in time, or is not being called because its circuit is open: nothing can be
/// said about the outcome of the call. Messages never carry card data.
/// </summary>
internal sealed class PaymentGatewayException(string message, Exception? inner = null) : Exception(message, inner);
