using Microsoft.Playwright;

namespace Argus.WebUi.Tests;

/// <summary>
/// One browser context and page. Every request to a host other than 127.0.0.1 is blocked and
/// recorded (the UI must work offline, served entirely by Argus), as is every console error and
/// uncaught exception; <see cref="AssertClean"/> fails the test on any of them.
/// </summary>
public sealed class UiSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly UiFixture _fixture;
    private readonly List<string> _external = [];
    private readonly List<string> _errors = [];

    private UiSession(IBrowserContext context, IPage page, UiFixture fixture)
    {
        _context = context;
        Page = page;
        _fixture = fixture;
    }

    public IPage Page { get; }

    /// <summary>Console errors that a test expects (e.g. the 404 of an API this build does not serve).</summary>
    public List<string> ExpectedErrors { get; } = [];

    public static async Task<UiSession> OpenAsync(UiFixture fixture, string baseUrl, string path, int width, int height)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        var session = new UiSession(context, page, fixture);
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "http" or "https" && url.Host != "127.0.0.1")
            {
                lock (session._external)
                {
                    session._external.Add(route.Request.Url);
                }
                await route.AbortAsync();
                return;
            }
            await route.ContinueAsync();
        });
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (session._errors)
                {
                    session._errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (session._errors)
            {
                session._errors.Add("uncaught: " + error);
            }
        };
        await page.GotoAsync(path);
        return session;
    }

    /// <summary>Saves a full-page screenshot named after the page, for people to look at.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(_fixture.ScreenshotDirectory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_fixture.ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public void AssertClean()
    {
        lock (_external)
        {
            Assert.True(_external.Count == 0, "requests left the machine: " + string.Join(", ", _external));
        }
        lock (_errors)
        {
            var unexpected = _errors.Where(e => !ExpectedErrors.Any(x => e.Contains(x, StringComparison.Ordinal))).ToList();
            Assert.True(unexpected.Count == 0, "console errors: " + string.Join(" | ", unexpected));
        }
    }

    public ValueTask DisposeAsync() => _context.DisposeAsync();
}
