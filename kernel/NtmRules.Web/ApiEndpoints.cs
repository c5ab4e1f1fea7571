using NtmRules.Kernel.Localization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NtmRules.Application;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Records;
using NtmRules.Web.Localization;

namespace NtmRules.Web;

/// <summary>A criteria set as <c>GET /api/sets</c> lists it (what <c>ntm plugins</c> shows).</summary>
public sealed record SetInfo(string Id, string Name, string Level, string Decision, string DecisionDate, string Authority, string Effective,
    int Criteria, int Indicators, ThresholdStates Thresholds, IReadOnlyList<string> Extends,
    string PluginId, string PluginVersion, string PluginContentSha256, PluginSignatureInfo PluginSignature);

/// <summary>How many threshold figures of a set are confirmed, reported and assumed.</summary>
public sealed record ThresholdStates(int Confirmed, int Reported, int Assumed);

/// <summary>Who vouches for a plugin: <c>signed</c> (with the key's name and id), <c>bundled</c> with ntm, <c>unsigned-allowed</c>, or <c>not-checked</c>.</summary>
public sealed record PluginSignatureInfo(string Status, string? KeyName, string? KeyId, string? Reason, string Label);

/// <summary>The form of <c>POST /api/plugins</c>.</summary>
public sealed class PluginPackageForm
{
    /// <summary>The signed <c>.ntmplugin</c> package (<c>ntm plugin pack</c>).</summary>
    public required IFormFile File { get; init; }
}

/// <summary>A plugin the host refused, and why.</summary>
public sealed record RefusedPlugin(string Folder, IReadOnlyList<string> Problems);

/// <summary>The answer of <c>GET /api/sets</c>.</summary>
public sealed record SetList(IReadOnlyList<SetInfo> Sets, IReadOnlyList<RefusedPlugin> Refused);

/// <summary>The form of <c>POST /api/evaluations</c> (multipart/form-data).</summary>
public sealed class EvaluationForm
{
    /// <summary>Criteria set id, e.g. vn.qd318.xa-ntm.</summary>
    public required string Set { get; init; }

    /// <summary>The commune data: .json (ntm.commune-data/1), a filled-in form .xlsx, or a one-row .csv/.xlsx table.</summary>
    public required IFormFile File { get; init; }

    /// <summary>"true" to append the evaluation to the record store.</summary>
    public string? Save { get; init; }
}

/// <summary>The form of <c>POST /api/drafts</c>: an evaluation id, or a set and a data file; and the format.</summary>
public sealed class DraftForm
{
    /// <summary>Id of an evaluation made by POST /api/evaluations.</summary>
    public string? Evaluation { get; init; }

    /// <summary>Criteria set id (with file, instead of evaluation).</summary>
    public string? Set { get; init; }

    /// <summary>The commune data (with set, instead of evaluation).</summary>
    public IFormFile? File { get; init; }

    /// <summary>md (default), docx or html.</summary>
    public string? Format { get; init; }
}

/// <summary>The form of <c>POST /api/batches</c>.</summary>
public sealed class BatchForm
{
    /// <summary>Criteria set id.</summary>
    public required string Set { get; init; }

    /// <summary>One or more files: CSV/XLSX tables (one commune per row) or single-commune files.</summary>
    public required IFormFileCollection File { get; init; }

    /// <summary>"province", "group" or "district" for a table per province, commune group or former district.</summary>
    public string? GroupBy { get; init; }
}

/// <summary>One commune of a batch.</summary>
public sealed record BatchCommune(int Sequence, string Name, string? Code, string? District, string Where, int CriteriaMet, IReadOnlyList<string> UnmetIndicators);

/// <summary>The answer of <c>POST /api/batches</c>: the aggregate report's figures and where to download its files.</summary>
public sealed record BatchResult(string Id, string SetId, int Accepted, int Rejected, int ExpressionErrors, string Sentence, double AverageCriteriaMet,
    IReadOnlyList<BatchBand> Bands, IReadOnlyList<BatchCriterion> Criteria, IReadOnlyList<BatchCommune> Communes, IReadOnlyList<string> Problems,
    IReadOnlyDictionary<string, string> Files);

/// <summary>Communes in a band of criteria met.</summary>
public sealed record BatchBand(string Label, int From, int To, int Communes);

/// <summary>Communes meeting a criterion.</summary>
public sealed record BatchCriterion(int Number, string Name, int Met);

/// <summary>A saved record, as <c>ntm history</c> lists it.</summary>
public sealed record RecordInfo(long Id, string CreatedAt, string CommuneKey, string CommuneName, string? Province, int Year, string SetId, string Summary,
    string PluginId, string PluginVersion, string PluginSha256, string Hash);

/// <summary>The JSON API: the CLI's commands over HTTP, with the CLI's problems as RFC 9457 documents.</summary>
internal static class ApiEndpoints
{
    private static IResult Gone() => ProblemJson.Result(404, WebMessages.EvaluationGone, []);

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").DisableAntiforgery();
        MapSetsAndPlugins(api);
        MapEvaluations(api);
        MapTracesAndDrafts(api);
        MapBatches(api);
        MapRecords(api);
    }

    /// <summary>The sets loaded and web installs of signed plugin packages.</summary>
    private static void MapSetsAndPlugins(RouteGroupBuilder api)
    {
        api.MapGet("/sets", (Workspace w) => TypedResults.Ok(new SetList(
                w.Host.Sets.Select(s => Info(s.Set)).ToArray(),
                w.Host.Reports.Where(r => !r.Loaded).Select(r => new RefusedPlugin(Path.GetFileName(r.Folder),
                    r.Problems.Where(p => p.Severity == Severity.Error).Select(p => p.ToString()).ToArray())).ToArray())))
            .WithName("ListSets").WithSummary("Criteria sets loaded from the plugins (ntm plugins)");

        api.MapPost("/plugins", async (Workspace w, HttpRequest request, CancellationToken cancel) =>
            {
                try
                {
                    w.EnsurePluginInstallAllowed();
                    var form = await Uploads.ReadFormAsync(request, w.Options.MaxUploadBytes, cancel);
                    var installed = w.InstallPlugin(await Uploads.SavePackageAsync(w, Uploads.SingleFile(form), cancel));
                    var report = w.Host.Reports.SingleOrDefault(r => r.Folder == Path.GetFullPath(installed.Folder).TrimEnd(Path.DirectorySeparatorChar));
                    var signature = installed.Package.Signature;
                    return Results.Json(new JsonObject
                    {
                        ["plugin"] = installed.Package.Manifest.PluginId,
                        ["version"] = installed.Package.Manifest.Version,
                        ["loaded"] = report?.Loaded ?? false,
                        ["sets"] = new JsonArray((report?.SetIds ?? []).Select(id => (JsonNode)JsonValue.Create(id)!).ToArray()),
                        ["problems"] = new JsonArray((report?.Problems ?? []).Select(p => (JsonNode)JsonValue.Create(p.ToString())!).ToArray()),
                        ["signature"] = new JsonObject { ["status"] = signature.Code, ["keyName"] = signature.KeyName, ["keyId"] = signature.KeyId },
                    }, statusCode: StatusCodes.Status201Created);
                }
                catch (UploadException x)
                {
                    return ProblemJson.Of(x);
                }
                catch (NtmException x)
                {
                    return ProblemJson.Of(x);
                }
            })
            .Accepts<PluginPackageForm>("multipart/form-data")
            .Produces<JsonObject>(StatusCodes.Status201Created)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422)
            .WithName("InstallPlugin").WithSummary("Install a signed plugin package (ntm plugin install), only when the operator started the server with --allow-plugin-install; unsigned or untrusted packages are refused");
    }

    /// <summary>Evaluations: one commune evaluated (and saved), and kept in memory.</summary>
    private static void MapEvaluations(RouteGroupBuilder api)
    {
        api.MapPost("/evaluations", async (Workspace w, HttpRequest request, CancellationToken cancel) =>
            {
                try
                {
                    var form = await Uploads.ReadFormAsync(request, w.Options.MaxUploadBytes, cancel);
                    var set = RequiredField(form, "set");
                    var e = await w.EvaluateAsync(set, Uploads.SingleFile(form), cancel);
                    long? record = null;
                    if (form["save"] == "true") record = (await w.SaveAsync(e, cancel)).Id;
                    return new CreatedEvaluation(e, record);
                }
                catch (UploadException x)
                {
                    return ProblemJson.Of(x);
                }
                catch (NtmException x)
                {
                    return ProblemJson.Of(x);
                }
            })
            .Accepts<EvaluationForm>("multipart/form-data")
            .Produces<JsonObject>(StatusCodes.Status201Created)
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422)
            .WithName("CreateEvaluation").WithSummary("Evaluate one commune's data against a set (ntm evaluate [--save]); the result is ntm.evaluation/1 under \"evaluation\"");

        api.MapGet("/evaluations/{id}", (Workspace w, string id) =>
                w.Evaluations.Get(id) is { } e ? Results.Text(PageEndpoints.EvaluationJson(e), "application/json; charset=utf-8") : Gone())
            .Produces<JsonObject>(200, "application/json").ProducesProblem(404)
            .WithName("GetEvaluation").WithSummary("An evaluation kept in memory, as ntm.evaluation/1 (ntm evaluate --format json)");
    }

    /// <summary>Traces and draft plans of an evaluation.</summary>
    private static void MapTracesAndDrafts(RouteGroupBuilder api)
    {
        api.MapGet("/evaluations/{id}/trace", (Workspace w, string id, string? indicator, string? format) =>
            {
                if (w.Evaluations.Get(id) is not { } e) return Gone();
                if (format is not (null or "json" or "text"))
                    return ProblemJson.Result(400, WebMessages.TraceFormatTitle, [new Problem(Severity.Error, MessageText.Format(WebMessages.TraceFormatUnknown, format), Field: "format")]);
                IReadOnlyList<IndicatorResult> selected;
                try
                {
                    selected = IndicatorSelection.Of(e.Result, indicator, "indicator");
                }
                catch (InputException x)
                {
                    return ProblemJson.Of(x);
                }
                return format == "text"
                    ? Results.Text(PageEndpoints.TraceText(e, selected, json: false), "text/plain; charset=utf-8")
                    : Results.Text(PageEndpoints.TraceText(e, selected, json: true), "application/json; charset=utf-8");
            })
            .Produces<JsonObject>(200, "application/json", "text/plain").ProducesProblem(400).ProducesProblem(404)
            .WithName("GetTrace").WithSummary("The audit trace (ntm trace [--indicator CODE] [--format text|json]): ntm.trace/1 by default");

        api.MapPost("/drafts", async (Workspace w, HttpRequest request, CancellationToken cancel) =>
            {
                try
                {
                    var form = await Uploads.ReadFormAsync(request, w.Options.MaxUploadBytes, cancel);
                    var format = form["format"].ToString() is { Length: > 0 } f ? f : "md";
                    var draftFormat = DraftFormats.FromName(format, "format");
                    WebEvaluation e;
                    if (form["evaluation"].ToString() is { Length: > 0 } id)
                    {
                        if (w.Evaluations.Get(id) is not { } found) return Gone();
                        e = found;
                    }
                    else
                    {
                        var set = RequiredField(form, "set");
                        e = await w.EvaluateAsync(set, Uploads.SingleFile(form), cancel);
                    }
                    var draft = w.Draft(e, draftFormat);
                    return Results.File(draft.Bytes, draft.ContentType, draft.FileName);
                }
                catch (UploadException x)
                {
                    return ProblemJson.Of(x);
                }
                catch (NtmException x)
                {
                    return ProblemJson.Of(x);
                }
            })
            .Accepts<DraftForm>("multipart/form-data", "application/x-www-form-urlencoded")
            .Produces(200, contentType: "text/markdown", additionalContentTypes: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/html"])
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422)
            .WithName("CreateDraft").WithSummary("The commune's draft plan (ntm draft --out FILE.md|.docx|.html)");
    }

    /// <summary>Batches and their output files.</summary>
    private static void MapBatches(RouteGroupBuilder api)
    {
        api.MapPost("/batches", async (Workspace w, HttpRequest request, CancellationToken cancel) =>
            {
                var uploads = new List<UploadedFile>();
                try
                {
                    var form = await Uploads.ReadFormAsync(request, w.Options.MaxUploadBytes, cancel);
                    var set = RequiredField(form, "set");
                    var files = form.Files.GetFiles("file");
                    if (files.Count == 0) throw new UploadException(400, WebMessages.NoDataFileUploaded);
                    foreach (var f in files) uploads.Add(await Uploads.SaveAsync(w, f, cancel));
                    var b = await w.RunBatchAsync(set, uploads, Workspace.Grouping(form["groupBy"]), cancel);
                    return Results.Json(Result(b), statusCode: StatusCodes.Status201Created);
                }
                catch (UploadException x)
                {
                    foreach (var u in uploads) File.Delete(u.Path);
                    return ProblemJson.Of(x);
                }
                catch (NtmException x)
                {
                    return ProblemJson.Of(x);
                }
            })
            .Accepts<BatchForm>("multipart/form-data")
            .Produces<BatchResult>(StatusCodes.Status201Created)
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415)
            .WithName("CreateBatch").WithSummary("Evaluate many communes and aggregate (ntm batch): bands, criteria met per commune, rejected rows");

        api.MapGet("/batches/{id}", (Workspace w, string id) =>
                w.Batches.Get(id) is { } b ? Results.Json(Result(b)) : ProblemJson.Result(404, WebMessages.BatchGone, []))
            .Produces<BatchResult>().ProducesProblem(404)
            .WithName("GetBatch").WithSummary("A batch kept in memory");

        api.MapGet("/batches/{id}/files/{name}", (Workspace w, string id, string name) =>
                w.Batches.Get(id) is { } b && Workspace.BatchFile(b, name) is { } path && File.Exists(path)
                    ? Results.File(path, PageEndpoints.ContentTypeOf(name), name)
                    : ProblemJson.Result(404, WebMessages.BatchFileGone, []))
            .Produces(200, contentType: "text/markdown", additionalContentTypes: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"])
            .ProducesProblem(404)
            .WithName("GetBatchFile").WithSummary("report.md, report.xlsx, errors.csv or results.csv of a batch");
    }

    /// <summary>The record store: history and comparison.</summary>
    private static void MapRecords(RouteGroupBuilder api)
    {
        api.MapGet("/records", async (Workspace w, string? commune, CancellationToken cancel) =>
            {
                try
                {
                    var list = await w.HistoryAsync(commune, cancel);
                    return Results.Json(list.Select(r => new RecordInfo(r.Id, r.CreatedAt, r.CommuneKey, r.CommuneName, r.Province, r.Year, r.SetId, r.Summary,
                        r.PluginId, r.PluginVersion, r.PluginSha256, r.Hash)).ToArray());
                }
                catch (NtmException x)
                {
                    return ProblemJson.Of(x);
                }
            })
            .Produces<RecordInfo[]>().ProducesProblem(503)
            .WithName("ListRecords").WithSummary("Saved evaluation records, oldest first (ntm history [--commune CODE])");

        api.MapGet("/records/compare", async (Workspace w, long a, long b, CancellationToken cancel) =>
            {
                try
                {
                    var output = new StringWriter { NewLine = "\n" };
                    RecordComparisonJson.Write(await w.CompareAsync(a, b, cancel), output);
                    return Results.Text(output.ToString(), "application/json; charset=utf-8");
                }
                catch (NtmException x)
                {
                    return ProblemJson.Of(x);
                }
            })
            .Produces<JsonObject>(200, "application/json").ProducesProblem(400).ProducesProblem(404).ProducesProblem(503)
            .WithName("CompareRecords").WithSummary("Two records side by side, ntm.comparison/1 (ntm compare A B --format json): regressed, improved, changed, new, dropped");
    }

    private static string RequiredField(IFormCollection form, string name) =>
        form[name].ToString() is { Length: > 0 } v ? v
            : throw new InputException(new Problem(Severity.Error, MessageText.Format(WebMessages.MissingFormField, name), Field: name));

    private static SetInfo Info(CriteriaSet s) => new(s.Id, s.Name, s.Level.Code(), s.Decision.Number, s.Decision.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        s.Decision.Authority, s.Effective.ToString(), s.Criteria.Count, s.Indicators.Count,
        new ThresholdStates(s.CountFigures(ProvenanceState.Confirmed), s.CountFigures(ProvenanceState.Reported), s.CountFigures(ProvenanceState.Assumed)),
        s.Bases.Select(b => b.SetId).ToArray(), s.Plugin.Id, s.Plugin.Version, s.Plugin.ContentHash,
        new PluginSignatureInfo(s.Plugin.Signature.Code, s.Plugin.Signature.KeyName, s.Plugin.Signature.KeyId, s.Plugin.Signature.Reason, s.Plugin.Signature.Label));

    private static BatchResult Result(WebBatch b)
    {
        var o = b.Outcome;
        var r = o.Report;
        return new BatchResult(b.Id, r.Set.Id, o.Accepted, o.Rejected, o.ExpressionErrors, AggregateMarkdownWriter.Sentence(r), r.AverageCriteriaMet,
            r.Bands.Select(x => new BatchBand(x.Band.Label, x.Band.From, x.Band.To, x.Communes)).ToArray(),
            r.Criteria.Select(c => new BatchCriterion(c.Criterion.Number, c.Criterion.Name, c.Met)).ToArray(),
            o.Communes.Select(c => new BatchCommune(c.Sequence, c.Name, c.Code, c.District, c.Where, c.CriteriaMet, c.UnmetIndicators)).ToArray(),
            o.Problems.Select(p => p.ToString()).ToArray(),
            Workspace.BatchFiles.ToDictionary(f => f, f => $"/api/batches/{b.Id}/files/{f}"));
    }
}
