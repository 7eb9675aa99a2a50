using CloudScale.Cli.Commands;

namespace CloudScale.Cli.Tests;

/// <summary>`cloudscale test` installs npm-based test tools (like the avsc oracle) before running dotnet test.</summary>
public sealed class NpmTestToolsTests : IDisposable
{
    private readonly TempRepository _repository = new();
    private readonly StringWriter _error = new();

    [Fact]
    public async Task Installs_node_modules_in_a_test_folder_that_has_none()
    {
        var folder = CreateToolFolder("Tool");

        await InstallAsync();

        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "local")));
        Assert.Empty(_error.ToString());
    }

    [Fact]
    public async Task Leaves_alone_a_folder_whose_node_modules_is_newer_than_its_lock_file()
    {
        var folder = CreateToolFolder("Tool");
        File.WriteAllText(Path.Combine(folder, "package.json"), "{ not json"); // npm ci would fail if it ran.
        Directory.CreateDirectory(Path.Combine(folder, "node_modules"));
        File.SetLastWriteTimeUtc(Path.Combine(folder, "package-lock.json"), DateTime.UtcNow.AddHours(-1));

        await InstallAsync();

        Assert.Empty(_error.ToString());
    }

    [Fact]
    public async Task A_failed_install_shows_npm_output_and_names_the_folder()
    {
        var folder = CreateToolFolder(Path.Combine("Deep", "Broken"));
        File.WriteAllText(Path.Combine(folder, "package.json"), "{ not json");

        var error = await Assert.ThrowsAsync<CliException>(InstallAsync);

        Assert.StartsWith($"npm ci failed in {Path.Combine("tests", "Deep", "Broken")} (exit code ", error.Message);
        Assert.Contains("package.json", _error.ToString());
    }

    public void Dispose() => _repository.Dispose();

    private Task InstallAsync() =>
        TestCommand.InstallNpmTestToolsAsync(new CliContext(new StringWriter(), _error, () => _repository.Layout), CancellationToken.None);

    /// <summary>A package with one dependency on a local folder, so npm ci needs no registry.</summary>
    private string CreateToolFolder(string relativePath)
    {
        var folder = Path.Combine(_repository.Root, "tests", relativePath);
        Directory.CreateDirectory(Path.Combine(folder, "local"));
        File.WriteAllText(Path.Combine(folder, "local", "package.json"), """{"name":"local","version":"1.0.0"}""");
        File.WriteAllText(Path.Combine(folder, "package.json"), """{"name":"tool","private":true,"dependencies":{"local":"file:./local"}}""");
        File.WriteAllText(Path.Combine(folder, "package-lock.json"), """
            {"name":"tool","lockfileVersion":3,"requires":true,"packages":{
              "":{"name":"tool","dependencies":{"local":"file:./local"}},
              "local":{"version":"1.0.0"},
              "node_modules/local":{"resolved":"local","link":true}}}
            """);
        return folder;
    }
}
