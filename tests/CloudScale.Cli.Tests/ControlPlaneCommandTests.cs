namespace CloudScale.Cli.Tests;

/// <summary>
/// Migration commands refuse bad input before anything reaches the control plane: these runs have no stack and no
/// admin token, so reaching the admin API would fail differently (exit 1, "does not exist yet").
/// </summary>
public sealed class ControlPlaneCommandTests
{
    [Theory]
    [InlineData("unknown capability 'shipping'; known: checkout, payment, inventory", "route", "shipping", "10")]
    [InlineData("'101' is not a percentage", "route", "checkout", "101")]
    [InlineData("'12.345' is not a percentage", "route", "checkout", "12.345")]
    [InlineData("'ten' is not a percentage", "route", "checkout", "ten")]
    [InlineData("'1e2' is not a percentage", "route", "checkout", "1e2")]
    [InlineData("give the percent of shoppers", "route", "payment")]
    [InlineData("'sideways' is not a variant", "route", "checkout", "--shopper", "shp_1", "sideways")]
    [InlineData("give --shopper or --group, not both", "route", "checkout", "--shopper", "shp_1", "--group", "testers", "modular")]
    [InlineData("unknown capability 'everything'", "rollback", "everything")]
    [InlineData("unknown action 'promote'; use add or remove", "group", "promote", "testers", "shp_1")]
    [InlineData("unknown module 'payment'; known: inventory", "cutover", "payment")]
    public async Task Bad_input_is_a_usage_error_naming_the_problem(string message, params string[] args)
    {
        using var repository = new TempRepository();

        var run = await repository.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: " + message, line);
    }

    [Fact]
    public async Task A_negative_percentage_is_refused_by_the_parser()
    {
        using var repository = new TempRepository();

        var run = await repository.RunAsync("route", "checkout", "-5");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Without_a_stack_the_error_says_how_to_get_the_admin_token()
    {
        using var repository = new TempRepository();

        var run = await repository.RunAsync("route", "checkout", "25");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(
            "error: .cloudscale/secrets/admin-token does not exist yet; start the stack with './cloudscale up -d' (it generates the admin token)",
            Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void The_admin_token_is_generated_once_owner_only_and_then_reused()
    {
        using var repository = new TempRepository();

        var first = ControlPlane.AdminToken.ReadOrCreate(repository.Layout);
        var second = ControlPlane.AdminToken.ReadOrCreate(repository.Layout);

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(repository.Layout.AdminTokenFile));
    }
}
