using CloudScale.BuildingBlocks.Http;
using MediatR;

namespace CloudScale.BuildingBlocks.Modules;

/// <summary>Runs every <see cref="IValidator{TRequest}"/> of the request and refuses it, changing nothing, on any error.</summary>
internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var errors = new FieldErrors();
        foreach (var validator in validators)
        {
            validator.Validate(request, errors);
        }

        errors.ThrowIfAny();
        return next();
    }
}
