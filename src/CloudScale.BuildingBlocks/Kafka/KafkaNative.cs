using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace CloudScale.BuildingBlocks.Kafka;

/// <summary>
/// Points Confluent.Kafka at the system's librdkafka (Debian package <c>librdkafka1</c>) instead of the
/// librdkafka.redist package the registry here lacks (see build/PackageDownloads.props).
/// </summary>
public static class KafkaNative
{
    /// <summary>The soname Debian ships; unversioned names (librdkafka.so, libdl.so) exist only with -dev packages.</summary>
    public const string LibrdkafkaFile = "librdkafka.so.1";

    private static readonly Lock Gate = new();
    private static bool _resolverSet;
    private static bool _loaded;

    /// <summary>
    /// Installs the native-library resolver and loads librdkafka once per process; safe to call from every
    /// client factory. Confluent.Kafka asks for "librdkafka" (its P/Invokes) and "libdl" (for dlopen), which
    /// the loader would not find under those names.
    /// </summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded)
            {
                return;
            }

            if (!_resolverSet)
            {
                NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, Resolve);
                _resolverSet = true;
            }

            try
            {
                // Reading the version makes Confluent.Kafka bind its native methods now, not inside the first client.
                _ = Library.VersionString;
            }
            catch (DllNotFoundException e)
            {
                throw new InvalidOperationException(
                    $"{LibrdkafkaFile} could not be loaded; install the Debian package librdkafka1 (./cloudscale does)", e);
            }

            _loaded = true;
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) => libraryName switch
    {
        "librdkafka" => NativeLibrary.Load(LibrdkafkaFile),
        "libdl" => NativeLibrary.Load("libdl.so.2"),
        _ => IntPtr.Zero,
    };
}
