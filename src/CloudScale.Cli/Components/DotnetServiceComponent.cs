using CloudScale.Cli.Processes;

namespace CloudScale.Cli.Components;

/// <summary>An ASP.NET Core app of this repository, run from its Release build with <c>dotnet &lt;dll&gt;</c>.</summary>
internal sealed class DotnetServiceComponent : IComponent
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly StackLayout _layout;
    private readonly ProcessRunner _processes;
    private readonly ServicesBuild _build;
    private readonly Func<IReadOnlyDictionary<string, string>> _settings;
    private readonly TrackedProcess _process;

    /// <param name="project">Repository-relative path of the .csproj; services.slnf must list it too.</param>
    /// <param name="settings">Environment variables (ASP.NET configuration) besides the URL and environment name.</param>
    public DotnetServiceComponent(
        StackLayout layout,
        ProcessRunner processes,
        ServicesBuild build,
        string name,
        int port,
        string project,
        Func<IReadOnlyDictionary<string, string>> settings)
    {
        _layout = layout;
        _processes = processes;
        _build = build;
        _settings = settings;
        Name = name;
        Port = port;
        Project = project;
        DllPath = Path.Combine(
            layout.RepoRoot, Path.GetDirectoryName(project)!, "bin", "Release", "net10.0", Path.GetFileNameWithoutExtension(project) + ".dll");
        _process = new TrackedProcess(layout.PidFile(name), [DllPath]);
    }

    public string Name { get; }

    public int Port { get; }

    public string Project { get; }

    public string Url => $"http://localhost:{Port}";

    /// <summary>The address other components use to reach this one.</summary>
    public string InternalAddress => $"http://127.0.0.1:{Port}/";

    private string DllPath { get; }

    public int? FindRunningPid() => _process.FindRunning();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _build.EnsureBuiltAsync(cancellationToken);
        if (!File.Exists(DllPath))
        {
            throw new CliException($"{_layout.Display(DllPath)} does not exist after building {Project}; that project must build it");
        }

        var environment = new Dictionary<string, string>(_settings())
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}",
            // Explicit, so a Development value in the caller's shell cannot leak into the stack.
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        // Started from its output folder, the app finds its appsettings.json as its content root.
        var pid = await _processes.SpawnDetachedAsync(
            ["dotnet", DllPath], _layout.LogFile(Name), Path.GetDirectoryName(DllPath)!, cancellationToken, environment);
        _process.Record(pid);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _process.StopAsync(cancellationToken);

    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync($"{InternalAddress}readyz", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException
                                   || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
