using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace CloudScale.DevStack.Kafka;

/// <summary>
/// librdkafka's built-in mock Kafka cluster (rdkafka_mock.h, an experimental API outside librdkafka's ABI
/// guarantees), driven through P/Invoke into Debian's librdkafka.so.1 (2.0.2). Its brokers listen on
/// 127.0.0.1 at random ports and advertise exactly those addresses in metadata.
/// <para>
/// What it is not: data lives in memory only (gone on stop); each partition keeps at most 5 MiB or 100,000
/// message batches, dropping the oldest beyond that; no CreateTopics (topics are created here, from
/// kafka-topics.json, or auto-created by producers, with 4 partitions); no real transactions (its transaction
/// APIs are for testing librdkafka itself; nothing in CloudScale relies on Kafka transactions); the first member of a consumer group waits 3 s before its assignment, and a member joining or
/// leaving a running group waits session.timeout.ms − 1 s for the rebalance.
/// </para>
/// </summary>
internal sealed partial class MockCluster : IDisposable
{
    private const string Library = "librdkafka.so.1";
    private const int ProducerType = 0; // RD_KAFKA_PRODUCER: any client type can own the mock cluster

    private IntPtr _client;
    private IntPtr _cluster;

    private MockCluster(IntPtr client, IntPtr cluster)
    {
        _client = client;
        _cluster = cluster;
        BootstrapServers = Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(cluster))
                           ?? throw new InvalidOperationException("the mock cluster reported no bootstrap servers");
    }

    /// <summary>Comma-separated <c>127.0.0.1:port</c> of the mock brokers.</summary>
    public string BootstrapServers { get; }

    public bool IsRunning => _cluster != IntPtr.Zero;

    /// <summary>The first broker, where a fixed-port relay forwards to (it serves metadata for the whole cluster).</summary>
    public IPEndPoint FirstBroker
    {
        get
        {
            var first = BootstrapServers.Split(',')[0];
            return IPEndPoint.TryParse(first, out var endpoint)
                ? endpoint
                : throw new InvalidOperationException($"unexpected mock broker address '{first}'; expected 127.0.0.1:<port>");
        }
    }

    public static MockCluster Start(int brokerCount)
    {
        IntPtr config;
        try
        {
            config = rd_kafka_conf_new();
        }
        catch (DllNotFoundException e)
        {
            throw new InvalidOperationException($"{Library} could not be loaded; install the Debian package librdkafka1 (./cloudscale does)", e);
        }

        var error = new byte[512];
        // Warnings and worse only: the owning client has no bootstrap.servers, which librdkafka would point out at notice level.
        if (rd_kafka_conf_set(config, "log_level", "4", error, (nuint)error.Length) != 0)
        {
            rd_kafka_conf_destroy(config);
            throw new InvalidOperationException($"rd_kafka_conf_set log_level failed: {Encoding.UTF8.GetString(error).TrimEnd('\0')}");
        }

        var client = rd_kafka_new(ProducerType, config, error, (nuint)error.Length);
        if (client == IntPtr.Zero)
        {
            rd_kafka_conf_destroy(config); // rd_kafka_new takes ownership of the config only on success
            throw new InvalidOperationException($"rd_kafka_new failed: {Encoding.UTF8.GetString(error).TrimEnd('\0')}");
        }

        var cluster = rd_kafka_mock_cluster_new(client, brokerCount);
        if (cluster == IntPtr.Zero)
        {
            rd_kafka_destroy(client);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed (could not listen on 127.0.0.1; see the log above)");
        }

        return new MockCluster(client, cluster);
    }

    public void CreateTopic(string name, int partitions, int replicationFactor)
    {
        ObjectDisposedException.ThrowIf(!IsRunning, this);
        var error = rd_kafka_mock_topic_create(_cluster, name, partitions, replicationFactor);
        if (error != 0)
        {
            throw new InvalidOperationException(
                $"creating topic {name} ({partitions} partitions) failed: {Marshal.PtrToStringUTF8(rd_kafka_err2str(error))}");
        }
    }

    public void Dispose()
    {
        if (_cluster != IntPtr.Zero)
        {
            rd_kafka_mock_cluster_destroy(_cluster);
            _cluster = IntPtr.Zero;
        }

        if (_client != IntPtr.Zero)
        {
            rd_kafka_destroy(_client);
            _client = IntPtr.Zero;
        }
    }

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(Library)]
    private static partial void rd_kafka_conf_destroy(IntPtr conf);

    /// <returns>RD_KAFKA_CONF_OK (0) or an error, described in <paramref name="errstr"/>.</returns>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, [Out] byte[] errstr, nuint errstrSize);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_new(int type, IntPtr conf, [Out] byte[] errstr, nuint errstrSize);

    [LibraryImport(Library)]
    private static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport(Library)]
    private static partial void rd_kafka_mock_cluster_destroy(IntPtr mcluster);

    /// <returns>A string owned by the cluster: valid until it is destroyed, never freed by the caller.</returns>
    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_mock_topic_create(IntPtr mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_err2str(int error);
}
