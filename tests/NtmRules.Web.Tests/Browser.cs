using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace NtmRules.Web.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright, headless. Playwright's own browser download is not
/// used: the tests need /usr/bin/chromium (CI installs it; `apt-get install chromium`), and fail —
/// never skip — when it is missing.
/// </summary>
public static class Browser
{
    /// <summary>Debian's chromium; NTM_CHROMIUM names another build (only to check the failure message, or on another system).</summary>
    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("NTM_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";

    /// <summary>
    /// Where screenshots of every page land for people to look at (outside the repository): the folder
    /// <c>NTM_SCREENSHOTS</c> names; without it none are taken, since rendering and encoding full pages costs
    /// a run seconds of CPU and no test reads them.
    /// </summary>
    public static string? ScreenshotFolder { get; } = Environment.GetEnvironmentVariable("NTM_SCREENSHOTS") is { Length: > 0 } d ? d : null;

    /// <summary>
    /// One Chromium for the whole test run, started by the first test that asks: every test works in a
    /// fresh context of its own (cookies, storage), so sharing it keeps tests apart while a second
    /// Chromium would only cost a start and memory on CI's two cores. It closes when the test process ends.
    /// </summary>
    private static readonly Lazy<Task<IBrowser>> Shared = new(StartAsync);

    private static async Task<IBrowser> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}: the browser tests need Debian's chromium. Install it with 'apt-get update && apt-get install -y --no-install-recommends chromium' (.ci/run does this).");
        if (ScreenshotFolder is not null) Directory.CreateDirectory(ScreenshotFolder);
        try
        {
            var playwright = await Playwright.CreateAsync();
            var args = new List<string> { "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync" };
            if (Environment.UserName == "root") args.Add("--no-sandbox");
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = args });
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                browser.CloseAsync().Wait(TimeSpan.FromSeconds(10));
                playwright.Dispose();
            };
            return browser;
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"Chromium at {ChromiumPath} did not start under Playwright: {e.Message}", e);
        }
    }

    /// <summary>A fresh context (cookies, storage, downloads accepted) whose pages start at <paramref name="baseAddress"/>, or the reason the browser is not there.</summary>
    private static async Task<IBrowserContext> NewContextAsync(Uri baseAddress)
    {
        var context = await (await Shared.Value).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            AcceptDownloads = true,
            Locale = "vi-VN",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // A wait bound, not a performance check: CI runs the test projects at once on two cores, and a
        // fresh server's first answers (plugin load, schema creation, password hashing) were seen to pass 30 s.
        context.SetDefaultTimeout(90_000);
        return context;
    }

    /// <summary>
    /// The pages one test opens, each in a context of its own; <see cref="DisposeAsync"/> closes them when the
    /// test ends, so that the shared Chromium does not keep a renderer process per page for the rest of the run.
    /// </summary>
    public sealed class Pages(Uri baseAddress) : IAsyncDisposable
    {
        private readonly List<IBrowserContext> _contexts = [];

        /// <summary>A new page in a fresh context.</summary>
        public async Task<IPage> NewAsync()
        {
            var context = await NewContextAsync(baseAddress);
            lock (_contexts) _contexts.Add(context);
            return await context.NewPageAsync();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var c in _contexts) await c.CloseAsync();
        }
    }

    /// <summary>
    /// Waits for the page to reach a URL matching <paramref name="url"/> and for its document to be parsed; when it does
    /// not, the failure says where the page stayed and what it shows (a problem page, a form sent back), not only that a
    /// wait timed out. The tests read the document, not its style sheet, so the wait ends at DOMContentLoaded: once in
    /// CI (2026-12-02) a batch's result page reached its URL and never fired <c>load</c> within 90 s.
    /// </summary>
    public static async Task WaitForUrlOrSayWhyAsync(IPage page, Regex url)
    {
        try
        {
            await page.WaitForURLAsync(url, new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException e)
        {
            var shown = await page.Locator("body").InnerTextAsync(new LocatorInnerTextOptions { Timeout = 5_000 });
            throw new Xunit.Sdk.XunitException($"the page stayed at {page.Url} instead of reaching {url}; it shows:\n{shown[..Math.Min(shown.Length, 4000)]}\n({e.Message})");
        }
    }

    /// <summary>The whole page, and what a person sees first (the top of the window), when <see cref="ScreenshotFolder"/> is set.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (ScreenshotFolder is null) return;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + "-top.png") });
    }
}

/// <summary>
/// A class of browser tests against the server at a base address: each test gets new pages from <see cref="PageAsync"/>
/// (each in a fresh context of the one Chromium) and their contexts close when the test ends.
/// </summary>
public abstract class BrowserTestClass(Uri baseAddress) : IAsyncLifetime
{
    private readonly Browser.Pages _pages = new(baseAddress);

    /// <summary>A new page in a fresh context (cookies, storage) of its own.</summary>
    protected Task<IPage> PageAsync() => _pages.NewAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _pages.DisposeAsync().AsTask();
}
