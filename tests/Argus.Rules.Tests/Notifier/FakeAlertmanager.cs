using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Argus.Rules.Tests.Notifier;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, free port) that records every request it gets and answers with a
/// settable status, standing in for an Alertmanager's <c>POST /api/v2/alerts</c>.
/// </summary>
internal sealed class FakeAlertmanager : IAsyncDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly Channel<ReceivedPost> _received = Channel.CreateUnbounded<ReceivedPost>();

    private FakeAlertmanager(WebApplication app) => _app = app;

    /// <summary>The status every request is answered with (200 unless changed).</summary>
    public int Status { get; set; } = 200;

    /// <summary><c>127.0.0.1:port</c>, as it goes in a static config.</summary>
    public string Address => new Uri(_app.Urls.First()).Authority;

    public static async Task<FakeAlertmanager> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeAlertmanager(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            // Read the status before recording the request: a test may change it as soon as it sees the request.
            var status = fake.Status;
            var request = context.Request;
            await fake._received.Writer.WriteAsync(new ReceivedPost(request.Method, request.Path + request.QueryString, request.ContentType,
                request.Headers.Authorization.FirstOrDefault(), request.Headers.UserAgent.FirstOrDefault(), body));
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        return fake;
    }

    /// <summary>The next request received; fails the test if none comes (the notifier sends at once, so the
    /// limit only guards against a hang).</summary>
    public async Task<ReceivedPost> NextAsync()
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        return await _received.Reader.ReadAsync(limit.Token);
    }

    public bool TryTake(out ReceivedPost? post) => _received.Reader.TryRead(out post);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
