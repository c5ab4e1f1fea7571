using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using NtmRules.Kernel.Loading;
using NtmRules.Web;

namespace NtmRules.Bench;

/// <summary>
/// A bounded load generator for <c>ntm bench --all</c>: starts the web application on a free
/// loopback port in this process, and has a fixed number of clients each post one commune's data to
/// <c>POST /api/evaluations</c> after the other for a fixed time. Nothing is left running: the
/// server stops and its data folder and record store are deleted when the run ends.
/// </summary>
public static class WebLoad
{
    /// <summary>What a run saw.</summary>
    /// <param name="Requests">Requests answered.</param>
    /// <param name="Errors">Answers other than 201 Created, and requests that failed.</param>
    /// <param name="Latencies">Every answered request's time, sorted.</param>
    /// <param name="WorkingSets">The process's working set, sampled once per second.</param>
    /// <param name="Elapsed">How long the clients ran.</param>
    public sealed record Outcome(int Requests, int Errors, double[] Latencies, IReadOnlyList<long> WorkingSets, TimeSpan Elapsed)
    {
        /// <summary>The latency below which <paramref name="share"/> of the requests were answered.</summary>
        public double Percentile(double share) => Latencies.Length == 0 ? double.NaN : Latencies[Math.Min(Latencies.Length - 1, (int)Math.Ceiling(share * Latencies.Length) - 1)];

        /// <summary>
        /// Memory is flat when the working set over the last third of the run is within a quarter of
        /// (or below) that over the second third: the first third holds the warm-up and the result cache filling.
        /// </summary>
        public bool MemoryFlat
        {
            get
            {
                if (WorkingSets.Count < 3) return true;
                var third = WorkingSets.Count / 3;
                var middle = WorkingSets.Skip(third).Take(third).Average();
                var last = WorkingSets.Skip(WorkingSets.Count - third).Average();
                return last <= middle * 1.25;
            }
        }
    }

    /// <summary>Runs <paramref name="clients"/> clients against a fresh server for <paramref name="duration"/>.</summary>
    /// <param name="pluginsFolder">The plugin folder the server loads.</param>
    /// <param name="verifier">The signature policy in effect.</param>
    /// <param name="setId">The set every request evaluates against.</param>
    /// <param name="data">The commune data each request uploads (one file's bytes).</param>
    /// <param name="fileName">Its file name (the extension tells its format).</param>
    /// <param name="clients">Concurrent clients.</param>
    /// <param name="duration">How long the clients post.</param>
    /// <param name="cancel">Stops the run.</param>
    public static async Task<Outcome> RunAsync(string pluginsFolder, IPluginVerifier verifier, string setId, byte[] data, string fileName,
        int clients, TimeSpan duration, CancellationToken cancel)
    {
        var work = Path.Combine(Path.GetTempPath(), "ntm-bench-web-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        WebApplication? app = null;
        try
        {
            app = NtmWebApp.Build(new WebOptions
            {
                Urls = "http://127.0.0.1:0",
                PluginsFolder = pluginsFolder,
                Verifier = verifier,
                TemplatesFolder = Path.Combine(AppContext.BaseDirectory, "templates"),
                DataFolder = Path.Combine(work, "data"),
                StorePath = Path.Combine(work, "records.db"),
                Quiet = true,
            });
            await app.StartAsync(cancel);
            var address = new Uri(NtmWebApp.Addresses(app)[0]);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            // One request first, untimed: the server's first evaluation pays for loading and compiling.
            await PostAsync(http, setId, data, fileName, cancel);
            return await LoadAsync(http, setId, data, fileName, clients, duration, cancel);
        }
        finally
        {
            if (app is not null)
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<Outcome> LoadAsync(HttpClient http, string setId, byte[] data, string fileName, int clients, TimeSpan duration, CancellationToken cancel)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        var workingSets = new List<long>();
        var clock = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            try
            {
                while (!sampling.IsCancellationRequested)
                {
                    await Task.Delay(1000, sampling.Token);
                    workingSets.Add(Environment.WorkingSet);
                }
            }
            catch (OperationCanceledException)
            {
                // The run is over.
            }
        });
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            latencies[c] = [];
            while (clock.Elapsed < duration && !cancel.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await PostAsync(http, setId, data, fileName, cancel);
                if (ok) latencies[c].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                else Interlocked.Increment(ref errors);
            }
        }, cancel)));
        var elapsed = clock.Elapsed;
        sampling.Cancel();
        await sampler;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Outcome(all.Length, errors, all, workingSets, elapsed);
    }

    /// <summary>One evaluation request; true when answered 201 Created.</summary>
    private static async Task<bool> PostAsync(HttpClient http, string setId, byte[] data, string fileName, CancellationToken cancel)
    {
        try
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(setId), "set" },
                { new ByteArrayContent(data), "file", fileName },
            };
            using var response = await http.PostAsync("/api/evaluations", form, cancel);
            await response.Content.CopyToAsync(Stream.Null, cancel);
            return response.StatusCode == HttpStatusCode.Created;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            return false; // the client's own timeout
        }
    }
}
