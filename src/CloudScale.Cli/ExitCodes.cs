namespace CloudScale.Cli;

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>128 + SIGINT, as shells report a command stopped by Ctrl-C.</summary>
    public const int Interrupted = 130;
}
