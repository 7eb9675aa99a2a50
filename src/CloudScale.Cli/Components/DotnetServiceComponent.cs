using CloudScale.Cli.Processes;

namespace CloudScale.Cli.Components;

/// <summary>
/// An ASP.NET Core app of this repository, run from its Release build with <c>dotnet &lt;dll&gt; [verb]</c>, healthy
/// when its <c>/readyz</c> answers.
/// </summary>
internal sealed class DotnetServiceComponent : IComponent
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly StackLayout _layout;
    private readonly ProcessRunner _processes;
    private readonly ServicesBuild _build;
    private readonly Func<IReadOnlyDictionary<string, string>> _settings;

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
        Url = $"http://localhost:{port}";
    }

    public string Name { get; }

    /// <summary>The port the component serves; for a web app also where its health endpoints are.</summary>
    public int Port { get; }

    public string Project { get; }

    /// <summary>
    /// The first argument after the dll, for an executable that hosts several stand-ins (CloudScale.DevStack).
    /// It is part of what identifies our process, so two verbs of one dll are never mistaken for each other.
    /// </summary>
    public string? Verb { get; init; }

    /// <summary>Where ASP.NET Core listens (ASPNETCORE_URLS, /readyz) when <see cref="Port"/> speaks another protocol.</summary>
    public int? HealthPort { get; init; }

    public string Url { get; init; }

    /// <summary>The address other components use to reach this one.</summary>
    public string InternalAddress => $"http://127.0.0.1:{Port}/";

    public string DllPath { get; }

    /// <summary>The component's configuration as environment variables, for one-off jobs run with the same settings.</summary>
    public IReadOnlyDictionary<string, string> Settings() => _settings();

    private string HttpAddress => $"http://127.0.0.1:{HealthPort ?? Port}";

    private string[] Command => Verb is null ? ["dotnet", DllPath] : ["dotnet", DllPath, Verb];

    // The command line as /proc shows it (arguments joined by spaces): the dll alone would also match another verb.
    private TrackedProcess Process => new(_layout.PidFile(Name), [string.Join(' ', Command[1..])]);

    public int? FindRunningPid() => Process.FindRunning();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _build.EnsureBuiltAsync(cancellationToken);
        if (!File.Exists(DllPath))
        {
            throw new CliException($"{_layout.Display(DllPath)} does not exist after building {Project}; that project must build it");
        }

        var environment = new Dictionary<string, string>(_settings())
        {
            ["ASPNETCORE_URLS"] = HttpAddress,
            // Explicit, so a Development value in the caller's shell cannot leak into the stack.
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        // Started from its output folder, the app finds its appsettings.json as its content root.
        var pid = await _processes.SpawnDetachedAsync(
            Command, _layout.LogFile(Name), Path.GetDirectoryName(DllPath)!, cancellationToken, environment);
        Process.Record(pid);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Process.StopAsync(cancellationToken);

    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync($"{HttpAddress}/readyz", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException
                                   || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
