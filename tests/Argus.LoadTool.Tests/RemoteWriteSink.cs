using Argus.Scrape.Http;
using Argus.Scrape.RemoteWrite;
using Argus.Storage.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Argus.LoadTool.Tests;

/// <summary>
/// An in-process HTTP server on 127.0.0.1 that feeds <c>POST /api/v1/write</c> to Argus' real remote-write
/// receiver over an in-memory storage, or, with a forced status, answers every write with that status.
/// </summary>
internal sealed class RemoteWriteSink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RemoteWriteSink(WebApplication app) => _app = app;

    public InMemoryStorage Storage { get; } = new();

    public RemoteWriteStats Stats { get; } = new();

    public string WriteUrl => _app.Urls.First() + "/api/v1/write";

    public static async Task<RemoteWriteSink> StartAsync(int? forcedStatus = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new RemoteWriteSink(app);
        var receiver = new RemoteWriteReceiver(sink.Storage, sink.Stats);
        app.MapPost("/api/v1/write", async context =>
        {
            if (forcedStatus is { } status)
            {
                context.Response.StatusCode = status;
                await context.Response.WriteAsync("sink refuses this write\n");
                return;
            }
            var request = ReceiverRequest.Create("POST", "/", context.Request.Body,
                ("Content-Type", context.Request.ContentType ?? ""),
                ("Content-Encoding", context.Request.Headers.ContentEncoding.ToString()));
            var response = await receiver.HandleAsync(request, context.RequestAborted);
            context.Response.StatusCode = response.StatusCode;
            // A 204 must not carry a body; Kestrel aborts the connection if one is written.
            if (response.Body.Length > 0)
            {
                await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
            }
        });
        await app.StartAsync();
        return sink;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
