using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
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

    /// <summary>A self-signed certificate for 127.0.0.1 and localhost, which no system store trusts.</summary>
    public static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=argus-test-alertmanager", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
    }

    /// <summary>While set, requests are recorded but not answered until it completes (or the client gives up).</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Starts the server; with <paramref name="certificate"/> it speaks HTTPS only.</summary>
    public static async Task<FakeAlertmanager> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (certificate is null)
        {
            builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        }
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
                request.Headers.Authorization.FirstOrDefault(), request.Headers.UserAgent.FirstOrDefault(), body,
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            if (fake.Hold is { } hold)
            {
                try
                {
                    await hold.Task.WaitAsync(context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
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
