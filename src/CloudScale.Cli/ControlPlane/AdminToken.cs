using System.Security.Cryptography;

namespace CloudScale.Cli.ControlPlane;

/// <summary>
/// The dev stack's admin token: 32 random bytes, written once into <c>.cloudscale/secrets/admin-token</c> (owner-only)
/// and given to the proxy as <c>ControlPlane__AdminToken</c>. Production sets that variable from a secret instead.
/// </summary>
internal static class AdminToken
{
    public static string ReadOrCreate(StackLayout layout)
    {
        var path = layout.AdminTokenFile;
        if (!File.Exists(path))
        {
            layout.EnsureCreated();
            try
            {
                using var stream = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
                using var writer = new StreamWriter(stream);
                writer.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another `cloudscale` created it first: theirs is as good as ours.
            }
        }

        return Read(layout);
    }

    public static string Read(StackLayout layout) =>
        File.Exists(layout.AdminTokenFile)
            ? File.ReadAllText(layout.AdminTokenFile).Trim()
            : throw new CliException(
                $"{layout.Display(layout.AdminTokenFile)} does not exist yet; start the stack with './cloudscale up -d' (it generates the admin token)");
}
