namespace CloudScale.Checkout.Domain;

/// <summary>
/// Where a checkout saga is. Each step is stored before its external call, so after a crash the step says what may
/// have happened: before <see cref="Capture"/> no order exists (compensate), from it on the order exists (roll forward).
/// </summary>
internal static class SagaStep
{
    public const string Reserve = "RESERVE";
    public const string Authorize = "AUTHORIZE";
    public const string Capture = "CAPTURE";
    public const string CommitStock = "COMMIT_STOCK";
    public const string Compensate = "COMPENSATE";
    public const string Done = "DONE";
}
