using System.Net.Sockets;
using System.Security.Cryptography;
using CloudScale.Cli.Processes;
using Npgsql;

namespace CloudScale.Cli.Components;

/// <summary>
/// Debian's PostgreSQL 15 with its own data dir under .cloudscale/. PostgreSQL refuses to run as root, so
/// when the CLI is root every pg command runs as the postgres OS user, which then owns .cloudscale/postgres.
/// </summary>
internal sealed class PostgresComponent : IComponent
{
    public const string Superuser = "cloudscale";
    public const string AppDatabase = "cloudscale";

    private const string OsUser = "postgres";
    private const int LogLinesOnFailure = 15;

    private readonly StackLayout _layout;
    private readonly ProcessRunner _processes;
    private readonly TrackedProcess _process;

    public PostgresComponent(StackLayout layout, ProcessRunner processes)
    {
        _layout = layout;
        _processes = processes;
        // The postmaster's command line names its data dir, which tells our server from any other PostgreSQL.
        _process = new TrackedProcess(layout.PidFile(Name), [layout.PostgresDataDir]);
    }

    public string Name => "postgres";

    public int Port => 55432;

    public string Url => ConnectionString(AppDatabase, includePassword: false);

    private static bool RunningAsRoot => Environment.IsPrivilegedProcess;

    private string LogFile => _layout.LogFile(Name);

    public string ConnectionString(string database, bool includePassword)
    {
        var connectionString = $"Host=127.0.0.1;Port={Port};Database={database};Username={Superuser}";
        return includePassword ? $"{connectionString};Password={ReadPassword()}" : connectionString;
    }

    /// <summary>
    /// Our pid file, else the server's own postmaster.pid: a `pg_ctl start` interrupted by Ctrl-C leaves the postmaster
    /// running (pg_ctl has already detached it) before we could record it, and it must still count as ours.
    /// </summary>
    public int? FindRunningPid()
    {
        if (_process.FindRunning() is { } pid)
        {
            return pid;
        }

        var postmasterPid = Path.Combine(_layout.PostgresDataDir, "postmaster.pid");
        if (File.Exists(postmasterPid) && int.TryParse(File.ReadLines(postmasterPid).FirstOrDefault(), out var adopted)
            && LinuxProcesses.IsOurs(adopted, [_layout.PostgresDataDir]))
        {
            _process.Record(adopted);
            return adopted;
        }

        return null;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var binDir = await FindBinDirAsync(cancellationToken);
        Directory.CreateDirectory(_layout.PostgresDir);
        if (!File.Exists(Path.Combine(_layout.PostgresDataDir, "PG_VERSION")))
        {
            await InitializeAsync(binDir, cancellationToken);
        }

        Directory.CreateDirectory(_layout.PostgresSocketDir);
        await File.WriteAllTextAsync(Path.Combine(_layout.PostgresDataDir, "cloudscale.conf"), Settings(), cancellationToken);
        if (!File.Exists(LogFile))
        {
            await File.WriteAllTextAsync(LogFile, "", cancellationToken);
        }

        await GiveToOsUserAsync(cancellationToken);
        var start = await RunPgToolAsync(
            binDir, "pg_ctl", ["-D", _layout.PostgresDataDir, "-l", LogFile, "-w", "-t", "90", "start"], cancellationToken);
        if (!start.Succeeded)
        {
            throw new CliException(
                $"pg_ctl could not start postgres ({start.LastLine}); see {_layout.Display(LogFile)}",
                details: LogTail.Excerpt(_layout, LogFile, LogLinesOnFailure));
        }

        _process.Record(ReadPostmasterPid());
        await EnsureAppDatabaseAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (FindRunningPid() is not null)
        {
            var binDir = await FindBinDirAsync(cancellationToken);
            var stop = await RunPgToolAsync(binDir, "pg_ctl", ["-D", _layout.PostgresDataDir, "-m", "fast", "-w", "stop"], cancellationToken);
            if (!stop.Succeeded)
            {
                throw new CliException($"pg_ctl could not stop postgres: {stop.LastLine}");
            }
        }

        _process.Forget();
    }

    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAdminConnectionAsync(cancellationToken);
            await using var select = new NpgsqlCommand("SELECT 1", connection);
            return await select.ExecuteScalarAsync(cancellationToken) is 1;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private string Settings() =>
        $"""
        # Written by ./cloudscale on every start (see src/CloudScale.Cli/Components/PostgresComponent.cs); edits here are lost.
        port = {Port}
        listen_addresses = '127.0.0.1'
        unix_socket_directories = '{_layout.PostgresSocketDir.Replace("'", "''")}'
        wal_level = logical
        max_wal_senders = 10
        max_replication_slots = 10
        # The test run starts whole stacks (legacy, host, two proxies) per fixture, in parallel: 300 ran out.
        max_connections = 600
        # Only the server's OS user may use the socket: local connections are trusted, so nobody else may make one.
        unix_socket_permissions = 0700

        """;

    private async Task InitializeAsync(string binDir, CancellationToken cancellationToken)
    {
        if (RunningAsRoot)
        {
            await GiveToOsUserAsync(cancellationToken);
            var access = await _processes.RunAsync(
                "runuser", ["-u", OsUser, "--", "test", "-w", _layout.PostgresDir], _layout.PostgresDir, cancellationToken);
            if (!access.Succeeded)
            {
                throw new CliException(
                    $"the {OsUser} OS user cannot write {_layout.PostgresDir}; every directory above it must be searchable by {OsUser} (chmod o+x), or clone the repository elsewhere");
            }
        }

        // initdb reads the superuser password from a file, which must be readable by the OS user that runs it.
        var passwordFile = Path.Combine(_layout.PostgresDir, "initdb-password");
        File.Delete(passwordFile); // left behind if an earlier initialization was killed
        await WriteOwnerOnlyFileAsync(passwordFile, await EnsurePasswordAsync(cancellationToken), cancellationToken);
        try
        {
            await GiveToOsUserAsync(cancellationToken);
            var initdb = await RunPgToolAsync(
                binDir,
                "initdb",
                [
                    "-D", _layout.PostgresDataDir, "-U", Superuser, $"--pwfile={passwordFile}",
                    "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C.UTF-8",
                ],
                cancellationToken);
            if (!initdb.Succeeded)
            {
                throw new CliException($"initdb failed: {initdb.LastLine}", details: initdb.Lines);
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }

        // Our settings live in their own file, rewritten on every start, so code and data dir never disagree.
        await File.AppendAllTextAsync(
            Path.Combine(_layout.PostgresDataDir, "postgresql.conf"), "\ninclude = 'cloudscale.conf'\n", cancellationToken);
    }

    /// <summary>Keeps an existing password, so a re-initialized data dir matches what tools already use.</summary>
    private async Task<string> EnsurePasswordAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(_layout.PostgresPasswordFile))
        {
            return ReadPassword();
        }

        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await WriteOwnerOnlyFileAsync(_layout.PostgresPasswordFile, password, cancellationToken);
        return password;
    }

    private string ReadPassword() =>
        File.Exists(_layout.PostgresPasswordFile)
            ? File.ReadAllText(_layout.PostgresPasswordFile).Trim()
            : throw new CliException(
                $"{_layout.Display(_layout.PostgresPasswordFile)} is missing, so the postgres password is unknown; remove {_layout.Display(_layout.PostgresDir)} and run './cloudscale up' to initialize a new database");

    private static async Task WriteOwnerOnlyFileAsync(string path, string content, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await using var writer = new StreamWriter(path, options);
        await writer.WriteAsync(content.AsMemory(), cancellationToken);
    }

    private async Task<string> FindBinDirAsync(CancellationToken cancellationToken)
    {
        if (!Executables.IsOnPath("pg_config"))
        {
            throw new CliException("PostgreSQL is not installed (no pg_config on PATH); ./cloudscale installs it (Debian package postgresql)");
        }

        var binDir = (await _processes.RunAsync("pg_config", ["--bindir"], _layout.RepoRoot, cancellationToken)).Output.Trim();
        return File.Exists(Path.Combine(binDir, "initdb"))
            ? binDir
            : throw new CliException(
                $"PostgreSQL server binaries are missing: pg_config --bindir names {binDir}, which has no initdb; install the Debian package postgresql");
    }

    private Task<ProcessResult> RunPgToolAsync(string binDir, string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(binDir, tool);
        // Run from a directory the OS user can read: pg tools fail when they cannot resolve their working directory.
        return RunningAsRoot
            ? _processes.RunAsync("runuser", ["-u", OsUser, "--", executable, .. arguments], _layout.PostgresDir, cancellationToken)
            : _processes.RunAsync(executable, arguments, _layout.PostgresDir, cancellationToken);
    }

    private async Task GiveToOsUserAsync(CancellationToken cancellationToken)
    {
        if (!RunningAsRoot)
        {
            return;
        }

        string[] paths = File.Exists(LogFile) ? [_layout.PostgresDir, LogFile] : [_layout.PostgresDir];
        var chown = await _processes.RunAsync("chown", ["-R", $"{OsUser}:", .. paths], _layout.RepoRoot, cancellationToken);
        if (!chown.Succeeded)
        {
            throw new CliException($"could not hand {_layout.Display(_layout.PostgresDir)} to the {OsUser} OS user: {chown.LastLine}");
        }
    }

    private int ReadPostmasterPid()
    {
        var pidFile = Path.Combine(_layout.PostgresDataDir, "postmaster.pid");
        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        return int.TryParse(firstLine, out var pid)
            ? pid
            : throw new CliException($"{_layout.Display(pidFile)} does not start with a pid; is postgres running?");
    }

    private async Task EnsureAppDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAdminConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = AppDatabase } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {AppDatabase}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<NpgsqlConnection> OpenAdminConnectionAsync(CancellationToken cancellationToken)
    {
        // No pooling: the CLI opens a handful of connections, and idle pooled ones would linger in the server.
        var connection = new NpgsqlConnection($"{ConnectionString("postgres", includePassword: true)};Timeout=3;Pooling=false");
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
