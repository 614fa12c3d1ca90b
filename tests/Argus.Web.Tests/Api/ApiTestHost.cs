using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Argus.Web.Tests.Api;

/// <summary>An in-memory ASP.NET Core host (TestServer) with the endpoints a test maps, and a client for it.</summary>
internal sealed class ApiTestHost : IAsyncDisposable
{
    private ApiTestHost(WebApplication app)
    {
        App = app;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    /// <summary>Builds a slim host, lets <paramref name="map"/> add endpoints, and starts it.</summary>
    public static async Task<ApiTestHost> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new ApiTestHost(app);
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string url)
    {
        var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
