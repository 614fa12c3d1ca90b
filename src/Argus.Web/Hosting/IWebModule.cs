using Microsoft.AspNetCore.Routing;

namespace Argus.Web.Hosting;

/// <summary>
/// A set of endpoints (e.g. <c>/api/v1</c>) added to the server under the route prefix. Modules are
/// passed to <see cref="ArgusWebHost"/> by the program's composition root.
/// </summary>
public interface IWebModule
{
    /// <summary>Maps this module's endpoints onto <paramref name="routes"/>, which is already rooted at the
    /// route prefix. Endpoints that need storage should call
    /// <see cref="EndpointReadinessExtensions.RequireReady{TBuilder}"/>.</summary>
    void MapEndpoints(IEndpointRouteBuilder routes, WebOptions options);
}
