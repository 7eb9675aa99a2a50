using CloudScale.BuildingBlocks.Modules;
using CloudScale.Payment.Application.PaymentMethods;
using CloudScale.Payment.Application.Payments;
using CloudScale.Payment.Contracts;
using CloudScale.Payment.Infrastructure;

namespace CloudScale.Payment.Application;

/// <summary>The in-process face of Payment: each call is one request through the module's own pipeline.</summary>
internal sealed class PaymentModuleFacade(ModuleMediator<PaymentDbContext> mediator) : IPaymentModule
{
    public Task<PaymentMethod> RegisterPaymentMethodAsync(RegisterPaymentMethod request, CancellationToken cancellationToken) =>
        mediator.Send(new RegisterPaymentMethodRequest(request), cancellationToken);

    public Task<PaymentMethod?> FindPaymentMethodAsync(Guid paymentMethodId, CancellationToken cancellationToken) =>
        mediator.Send(new FindPaymentMethodQuery(paymentMethodId), cancellationToken);

    public Task<PaymentResult> AuthorizeAsync(AuthorizePayment request, CancellationToken cancellationToken) =>
        mediator.Send(new AuthorizePaymentRequest(request), cancellationToken);

    public Task<PaymentResult> CaptureAsync(Guid paymentId, CancellationToken cancellationToken) =>
        mediator.Send(new CapturePaymentRequest(paymentId), cancellationToken);

    public Task<PaymentResult> VoidAsync(Guid paymentId, CancellationToken cancellationToken) =>
        mediator.Send(new VoidPaymentRequest(paymentId), cancellationToken);

    public Task<PaymentResult> RefundAsync(Guid paymentId, long? amountCents, CancellationToken cancellationToken) =>
        mediator.Send(new RefundPaymentRequest(paymentId, amountCents), cancellationToken);

    public Task<PaymentDetails?> FindPaymentAsync(Guid paymentId, CancellationToken cancellationToken) =>
        mediator.Send(new FindPaymentQuery(paymentId), cancellationToken);
}
