using Argus.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Argus.Web.Ui;

/// <summary>
/// Serves the browser UI under the route prefix: <c>/</c> redirects to the query page, each page
/// path answers with <c>index.html</c> (the page itself is chosen in the browser), and the
/// content-hashed files under <c>/assets/</c> are cached for a year since their names change with
/// their content.
/// </summary>
public sealed class WebUiModule(UiAssets assets) : IWebModule
{
    /// <summary>The client-side pages; "graph" is Prometheus's classic name for the query page, "query" its new one.</summary>
    public static IReadOnlyList<string> Pages { get; } =
        ["graph", "query", "alerts", "rules", "targets", "service-discovery", "status", "tsdb-status", "alertmanager", "flags", "config"];

    private const string ImmutableCaching = "public, max-age=31536000, immutable";

    public WebUiModule()
        : this(UiAssets.Embedded)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder routes, WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(options);
        // Redirect by the external URL's path: behind a proxy that strips a prefix, that is what the browser sees.
        var queryPage = options.ExternalUrl.AbsolutePath.TrimEnd('/') + "/graph";
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        routes.MapMethods("/", getOrHead, () => Results.Redirect(queryPage));
        foreach (var page in Pages)
        {
            routes.MapMethods("/" + page, getOrHead, (HttpContext context) => Serve(context, assets.Index, "no-cache"));
        }
        routes.MapMethods("/assets/{*file}", getOrHead, (HttpContext context, string file) =>
            assets.Find("assets/" + file) is { } asset
                ? Serve(context, asset, ImmutableCaching)
                : Results.NotFound().ExecuteAsync(context));
    }

    private static Task Serve(HttpContext context, UiAsset asset, string caching)
    {
        var response = context.Response;
        response.Headers.CacheControl = caching;
        response.Headers.ETag = asset.ETag;
        response.Headers.XContentTypeOptions = "nosniff";
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }
}
