using System.Collections.Concurrent;
using System.Diagnostics;
using NtmRules.Drafting;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Localization;
using NtmRules.Bench.Localization;
using NtmRules.Bench.Synthetic;
using static NtmRules.Bench.BenchReport;

namespace NtmRules.Bench;

/// <summary>
/// <c>ntm bench --draft</c>: renders the draft plan of every commune of a seeded synthetic province,
/// the way <c>ntm draft</c> does for one (plan model, then the Scriban templates into Markdown), and
/// reports communes per second — the drafting alone, and evaluation plus drafting end to end — and
/// the Word documents (<c>ntm draft --out x.docx</c>) of the first tenth of the communes (at most 1.000) per second.
/// </summary>
public static class DraftBench
{
    /// <summary>
    /// One worker per processor: without a bound the thread pool adds threads while renders wait on a
    /// busy machine, and a render starved long enough runs past the renderer's time limit.
    /// </summary>
    private static readonly ParallelOptions Workers = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>Word documents written per run: enough for a steady rate, few enough to keep the run short.</summary>
    private const int DocxCommunes = 1_000;

    /// <summary>What the draft bench measured.</summary>
    /// <param name="MarkdownPerSecond">Markdown drafts per second (median run).</param>
    /// <param name="DocxPerSecond">Word documents per second (median run).</param>
    public sealed record Figures(double MarkdownPerSecond, double DocxPerSecond);

    /// <summary>Renders every commune's draft <paramref name="runs"/> times and writes the table to <paramref name="output"/>.</summary>
    /// <param name="host">The loaded plugins.</param>
    /// <param name="library">The plan templates and guidance.</param>
    /// <param name="compiled">The set measured.</param>
    /// <param name="n">Synthetic communes.</param>
    /// <param name="runs">Timed runs.</param>
    /// <param name="seed">Seed of the synthetic province.</param>
    /// <param name="output">Where the report goes.</param>
    /// <param name="cancel">Stops the run.</param>
    public static async Task<Figures> RunAsync(PluginHost host, TemplateLibrary library, CompiledCriteriaSet compiled, int n, int runs, int seed,
        TextWriter output, CancellationToken cancel)
    {
        var templates = (Templates: library.For(compiled.Set), Guidance: library.Guidance(compiled.Set));
        var communes = SyntheticProvince.For(compiled).Generate(n, seed).ToArray();
        var evaluated = await EvaluateAsync(host, compiled, communes, cancel);
        // Warm-up: the first renders pay for Scriban's reflection over the model types.
        Render(evaluated.Take(Math.Min(n, 1_000)).ToArray(), templates);

        var drafting = new List<TimeSpan>();
        var endToEnd = new List<TimeSpan>();
        var docx = new List<TimeSpan>();
        var drafter = new PlanDrafter(library);
        // A tenth of the province, at most DocxCommunes: a Word document costs several Markdown drafts.
        var forDocx = evaluated.Take(Math.Clamp(n / 10, 1, DocxCommunes)).ToArray();
        RenderDocx(forDocx.Take(Math.Min(forDocx.Length, 10)).ToArray(), drafter);
        DraftTotals? check = null;
        for (var run = 0; run < runs; run++)
        {
            Collect();
            var watch = Stopwatch.StartNew();
            var totals = Render(evaluated, templates);
            drafting.Add(watch.Elapsed);
            if (run == 0) check = totals;
            else if (!totals.SameDrafts(check!))
                throw new InvalidOperationException(MessageText.Format(BenchMessages.DraftsDiffer, MessageText.Count(run + 1), totals, check));

            Collect();
            watch.Restart();
            Render(await EvaluateAsync(host, compiled, communes, cancel), templates);
            endToEnd.Add(watch.Elapsed);

            Collect();
            watch.Restart();
            RenderDocx(forDocx, drafter);
            docx.Add(watch.Elapsed);
        }

        output.WriteLine();
        output.WriteLine(MessageText.Format(BenchMessages.DraftsLine, MessageText.Count(check!.Drafts), MessageText.Count(check.Sections),
            MessageText.Fixed(check.Characters / 1_000_000.0, 1), MessageText.Count(runs)));
        HeaderRow(output, BenchMessages.ColumnCommunesPerSecond);
        DraftRow(output, BenchMessages.DraftRowDrafting, drafting, n);
        DraftRow(output, BenchMessages.DraftRowEndToEnd, endToEnd, n);
        DraftRow(output, MessageText.Format(BenchMessages.DraftRowDocx, MessageText.Count(forDocx.Length)), docx, forDocx.Length);
        output.WriteLine(MessageText.Format(BenchMessages.DraftPeak, Megabytes(Process.GetCurrentProcess().PeakWorkingSet64)));
        output.WriteLine(MessageText.Format(BenchMessages.DraftsPerSecond, PerSecond(Median(drafting), n), PerSecond(Median(endToEnd), n)));
        output.WriteLine(MessageText.Format(BenchMessages.DocxPerSecond, PerSecond(Median(docx), forDocx.Length)));
        return new Figures(n / Median(drafting).TotalSeconds, forDocx.Length / Median(docx).TotalSeconds);
    }

    /// <summary>Writes every commune's draft as a Word document in memory, one commune per work item across all processors.</summary>
    private static void RenderDocx(EvaluationResult[] results, PlanDrafter drafter) =>
        Parallel.ForEach(Partitioner.Create(0, results.Length, 8), Workers, range =>
        {
            for (var k = range.Item1; k < range.Item2; k++) drafter.Draft(results[k], DraftFormat.Docx);
        });

    private static async Task<EvaluationResult[]> EvaluateAsync(PluginHost host, CompiledCriteriaSet compiled, CommuneData[] communes, CancellationToken cancel)
    {
        var results = new EvaluationResult[communes.Length];
        var i = 0;
        await foreach (var r in host.Evaluator.EvaluateManyAsync(compiled, communes, null, cancel)) results[i++] = r;
        return results;
    }

    /// <summary>Renders every draft, one commune per work item across all processors, and totals what came out.</summary>
    private static DraftTotals Render(EvaluationResult[] results, (IReadOnlyDictionary<string, Scriban.Template> Templates, NtmRules.Drafting.Library.SetGuidance Guidance) templates)
    {
        var characters = new long[results.Length];
        var sections = new int[results.Length];
        var hashes = new int[results.Length];
        Parallel.ForEach(Partitioner.Create(0, results.Length, 64), Workers, range =>
        {
            for (var k = range.Item1; k < range.Item2; k++)
            {
                var plan = PlanModelBuilder.Build(results[k], templates.Guidance);
                var text = PlanRenderer.Render(plan, templates.Templates);
                characters[k] = text.Length;
                hashes[k] = text.GetHashCode(); // stable within the process: enough to compare runs
                sections[k] = plan.Sections.Sum(s => s.Items.Count);
            }
        });
        return new DraftTotals(results.Length, sections.Sum(), characters.Sum(), hashes);
    }

    private sealed record DraftTotals(int Drafts, int Sections, long Characters, int[] Hashes)
    {
        /// <summary>Same counts and, commune by commune, the same text.</summary>
        public bool SameDrafts(DraftTotals other) =>
            Drafts == other.Drafts && Sections == other.Sections && Characters == other.Characters && Hashes.AsSpan().SequenceEqual(other.Hashes);

        public override string ToString() =>
            MessageText.Format(BenchMessages.DraftTotals, MessageText.Count(Drafts), MessageText.Count(Sections), MessageText.Count(Characters));
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    private static void DraftRow(TextWriter output, string name, List<TimeSpan> times, int communes) => Row(output, name, times, PerSecond(Median(times), communes));

    private static string PerSecond(TimeSpan t, int communes) => MessageText.Count((long)Math.Round(communes / t.TotalSeconds, MidpointRounding.AwayFromZero));
}
