using System.Diagnostics;
using CloudScale.Cli.Processes;

namespace CloudScale.Cli.Tests;

public sealed class ProcessOwnershipTests
{
    [Fact]
    public void A_live_pid_whose_command_line_lacks_the_marker_is_not_ours()
    {
        Assert.False(LinuxProcesses.IsOurs(Environment.ProcessId, ["no-such-marker-7f3a"]));
    }

    [Fact]
    public void A_live_pid_whose_command_line_has_every_marker_is_ours()
    {
        var executable = File.ReadAllText("/proc/self/cmdline").Split('\0')[0];

        Assert.True(LinuxProcesses.IsOurs(Environment.ProcessId, [executable]));
    }

    [Fact]
    public async Task Down_leaves_alone_a_process_its_pid_file_names_when_the_command_line_does_not_match()
    {
        using var repository = new TempRepository();
        repository.Layout.EnsureCreated();
        using var stranger = Process.Start("sleep", "60");
        try
        {
            await File.WriteAllTextAsync(repository.Layout.PidFile("redis"), $"{stranger.Id}\n");

            var run = await repository.RunAsync("down");

            Assert.Equal(ExitCodes.Ok, run.ExitCode);
            Assert.Equal("nothing was running\n", run.Output);
            Assert.False(stranger.HasExited);
            Assert.False(File.Exists(repository.Layout.PidFile("redis")));
        }
        finally
        {
            stranger.Kill();
        }
    }

    [Fact]
    public async Task A_verb_of_the_devstack_dll_is_part_of_its_identity_so_another_verb_is_left_alone()
    {
        using var repository = new TempRepository();
        repository.Layout.EnsureCreated();
        var dll = Path.Combine(repository.Root, "src/CloudScale.DevStack/bin/Release/net10.0/CloudScale.DevStack.dll");
        // bash keeps its arguments in /proc/<pid>/cmdline while it waits: a stand-in for "dotnet <dll> <verb>".
        using var kafka = Process.Start("bash", ["-c", "sleep 60 & wait", dll, "kafka"]);
        using var registry = Process.Start("bash", ["-c", "sleep 60 & wait", dll, "registry"]);
        try
        {
            await File.WriteAllTextAsync(repository.Layout.PidFile("kafka"), $"{kafka.Id}\n");
            var status = await repository.RunAsync("status", "--json");
            Assert.Contains($"\"name\":\"kafka\",\"running\":true", status.Output.Replace(" ", "").Replace("\n", ""));

            await File.WriteAllTextAsync(repository.Layout.PidFile("kafka"), $"{registry.Id}\n");
            var down = await repository.RunAsync("down");

            Assert.Equal("nothing was running\n", down.Output);
            Assert.False(registry.HasExited);
        }
        finally
        {
            kafka.Kill(entireProcessTree: true);
            registry.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task A_detached_spawn_reports_the_pid_of_the_program_itself_and_logs_to_the_file()
    {
        using var repository = new TempRepository();
        var log = Path.Combine(repository.Root, "sleep.log");

        var pid = await new ProcessRunner().SpawnDetachedAsync(["sleep", "60"], log, repository.Root, CancellationToken.None);
        try
        {
            Assert.True(LinuxProcesses.IsOurs(pid, ["sleep", "60"]));
            Assert.Contains("cloudscale started: sleep 60", await File.ReadAllTextAsync(log));
        }
        finally
        {
            LinuxProcesses.Signal(pid, LinuxProcesses.SigKill);
        }
    }
}

public sealed class ZombieProcessTests
{
    [Fact]
    public async Task An_exited_but_unreaped_process_is_not_ours_while_its_live_parent_is()
    {
        // The background sleep exits at once; its parent execs into a long sleep that never reaps it: a zombie.
        var start = new ProcessStartInfo("bash", ["-c", "sleep 0.05 & echo $!; exec sleep 5"]) { RedirectStandardOutput = true };
        using var parent = Process.Start(start)!;
        try
        {
            var zombie = int.Parse((await parent.StandardOutput.ReadLineAsync())!);
            await Task.Delay(500);

            Assert.StartsWith("Z", File.ReadAllText($"/proc/{zombie}/stat").Split(')')[^1].Trim());
            Assert.False(LinuxProcesses.IsOurs(zombie, ["sleep"]));
            Assert.True(LinuxProcesses.IsOurs(parent.Id, ["sleep", "5"]));
        }
        finally
        {
            parent.Kill();
        }
    }
}
