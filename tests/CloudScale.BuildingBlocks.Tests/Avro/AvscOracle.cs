using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudScale.BuildingBlocks.Tests.Avro;

/// <summary>
/// npm's avsc, an independent Avro implementation, as a test oracle: one <c>node oracle.js</c> per test class,
/// fed JSON lines (protocol and value transport are documented in avsc/oracle.js).
/// </summary>
public sealed class AvscOracle : IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _node;
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    public AvscOracle()
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "CloudScale.BuildingBlocks.Tests", "Avro", "avsc");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "avsc")))
        {
            throw new InvalidOperationException(
                $"the avsc oracle is not installed ({folder}/node_modules is missing): run ./cloudscale test (it installs the avsc oracle with npm)");
        }

        var startInfo = new ProcessStartInfo("node", ["oracle.js"])
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        _node = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start node");
        _node.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _node.BeginErrorReadLine();
    }

    public string Encode(string schema, JsonNode? value) =>
        Ask(new JsonObject { ["op"] = "encode", ["schema"] = JsonNode.Parse(schema), ["value"] = value })["hex"]!.GetValue<string>();

    public JsonNode? Decode(string schema, string hex, string? readerSchema = null)
    {
        var request = new JsonObject { ["op"] = "decode", ["schema"] = JsonNode.Parse(schema), ["hex"] = hex };
        if (readerSchema is not null)
        {
            request["reader"] = JsonNode.Parse(readerSchema);
        }

        return Ask(request)["value"];
    }

    public (string Canonical, string Md5) Canonical(string schema)
    {
        var reply = Ask(new JsonObject { ["op"] = "canonical", ["schema"] = JsonNode.Parse(schema) });
        return (reply["canonical"]!.GetValue<string>(), reply["md5"]!.GetValue<string>());
    }

    /// <summary>Whether avsc builds a resolver for reading <paramref name="writer"/> data as <paramref name="reader"/>.</summary>
    public bool CanResolve(string writer, string reader) =>
        Ask(new JsonObject { ["op"] = "resolve", ["schema"] = JsonNode.Parse(writer), ["reader"] = JsonNode.Parse(reader) })["compatible"]!.GetValue<bool>();

    public void Dispose()
    {
        _node.StandardInput.Close();
        if (!_node.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            _node.Kill();
        }

        _node.Dispose();
    }

    private JsonObject Ask(JsonObject request)
    {
        lock (_gate)
        {
            _node.StandardInput.WriteLine(request.ToJsonString());
            _node.StandardInput.Flush();
            var line = _node.StandardOutput.ReadLineAsync().WaitAsync(ReplyTimeout).GetAwaiter().GetResult();
            if (line is null)
            {
                lock (_stderr)
                {
                    throw new InvalidOperationException($"the avsc oracle exited: {_stderr}");
                }
            }

            var reply = JsonNode.Parse(line)!.AsObject();
            return reply["error"] is { } error
                ? throw new InvalidOperationException($"avsc refused {request.ToJsonString()}: {error}")
                : reply;
        }
    }

    private static string RepositoryRoot()
    {
        if (Environment.GetEnvironmentVariable("CLOUDSCALE_ROOT") is { Length: > 0 } root)
        {
            return root;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudScale.Modular.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no CloudScale.Modular.sln above {AppContext.BaseDirectory}; set CLOUDSCALE_ROOT");
    }
}
