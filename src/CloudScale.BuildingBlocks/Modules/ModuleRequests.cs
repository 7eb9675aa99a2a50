using CloudScale.BuildingBlocks.Http;
using MediatR;

namespace CloudScale.BuildingBlocks.Modules;

/// <summary>A request that changes a module's state: it runs inside the module's unit of work (one transaction).</summary>
public interface ICommand<out TResult> : IRequest<TResult>;

/// <summary>A request that only reads: no transaction is opened for it.</summary>
public interface IQuery<out TResult> : IRequest<TResult>;

/// <summary>
/// Checks one kind of request before its handler runs. Every validator of a request reports into the same
/// <see cref="FieldErrors"/>, so the caller gets one <c>validation_failed</c> problem naming every bad field.
/// </summary>
public interface IValidator<in TRequest>
{
    void Validate(TRequest request, FieldErrors errors);
}
