using System.Reflection;
using System.Security.Cryptography;

namespace Argus.Web.Ui;

/// <summary>
/// The web UI's files, embedded in this assembly by <c>WebUi.targets</c> under the resource prefix
/// <c>ArgusWebUi/</c>: <c>index.html</c> and content-hashed files under <c>assets/</c>.
/// </summary>
public sealed class UiAssets
{
    public const string ResourcePrefix = "ArgusWebUi/";
    public const string IndexPath = "index.html";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".woff2"] = "font/woff2",
        [".json"] = "application/json",
        [".map"] = "application/json",
    };

    private readonly Dictionary<string, UiAsset> _assets;

    private UiAssets(Dictionary<string, UiAsset> assets)
    {
        _assets = assets;
    }

    /// <summary>The files embedded in the Argus.Web assembly.</summary>
    public static UiAssets Embedded { get; } = Load(typeof(UiAssets).Assembly);

    public IReadOnlyCollection<string> Paths => _assets.Keys;

    /// <summary>Reads every UI resource of <paramref name="assembly"/>; fails when index.html is missing,
    /// because a build that dropped the UI should not start serving blank pages.</summary>
    public static UiAssets Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var assets = new Dictionary<string, UiAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            var content = buffer.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
            assets[path] = new UiAsset(path, content, ContentTypeOf(path), etag);
        }
        if (!assets.ContainsKey(IndexPath))
        {
            throw new InvalidOperationException(
                $"{assembly.GetName().Name} carries no web UI ({ResourcePrefix}{IndexPath} is not embedded); build it with `dotnet build`, which runs npm in web/");
        }
        return new UiAssets(assets);
    }

    public UiAsset Index => _assets[IndexPath];

    public UiAsset? Find(string path) => _assets.GetValueOrDefault(path);

    public static string ContentTypeOf(string path) =>
        ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
}
