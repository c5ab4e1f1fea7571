using NtmRules.Kernel.Localization;
using NtmRules.Application;
using NtmRules.Drafting;
using NtmRules.Drafting.Output;
using NtmRules.Intake.Batch;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Packaging;
using NtmRules.Records;
using NtmRules.Web.Localization;
using Microsoft.AspNetCore.Http;

namespace NtmRules.Web;

/// <summary>An evaluation the server keeps (in memory, by opaque id) for its pages and API.</summary>
public sealed class WebEvaluation
{
    /// <summary>Opaque id.</summary>
    public required string Id { get; init; }

    /// <summary>The kernel's result (data warnings merged into its problems, as the CLI does).</summary>
    public required EvaluationResult Result { get; init; }

    /// <summary>The data evaluated: the uploaded file as the server stored it (generated name, under the data folder), or the typed figures' bytes.</summary>
    public required EvaluatedData Data { get; init; }

    /// <summary>The uploaded file; null for typed figures, which were never a file.</summary>
    public string? DataPath => (Data as EvaluatedFile)?.Path;

    /// <summary>When it was evaluated: the time its trace's provenance carries.</summary>
    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>The record it was saved as, if it was.</summary>
    public long? RecordId { get; set; }

    /// <summary>Its provenance.</summary>
    public Provenance Provenance => Provenance.Of(Result, EvaluatedAt);
}

/// <summary>
/// A batch the server ran, with its output folder (report.md, report.xlsx, errors.csv, results.csv — never
/// the per-commune results, so a folder is about 1 KB per commune; the last <see cref="WebOptions.MaxBatches"/> are kept).
/// </summary>
/// <param name="Id">Opaque id.</param>
/// <param name="Folder">Output folder under the data folder.</param>
/// <param name="Files">The uploaded files' names, for the page.</param>
/// <param name="Outcome">What the batch runner did.</param>
public sealed record WebBatch(string Id, string Folder, IReadOnlyList<string> Files, BatchOutcome Outcome);

/// <summary>A rendered draft plan.</summary>
/// <param name="Bytes">The file.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="FileName">A download name (ASCII).</param>
public sealed record DraftFile(byte[] Bytes, string ContentType, string FileName);

/// <summary>
/// What the web application does, each step a call into the kernel libraries exactly as the CLI
/// makes it: plugins loaded once with the drafting template check, data read by the intake
/// readers, evaluation by the kernel's evaluator, drafts by the drafting library, batches by the
/// batch runner, records by the record store. It holds no evaluation logic of its own.
/// </summary>
public sealed class Workspace
{
    /// <summary>Files an evaluation accepts, as the CLI's <c>--data</c>.</summary>
    public static IReadOnlyList<string> DataExtensions => CommuneFileReader.Extensions;

    /// <summary>Draft formats, as <c>ntm draft --out</c>.</summary>
    public static IReadOnlyList<string> DraftFormats => Application.DraftFormats.Names;

    /// <summary>Files a batch output folder holds that can be downloaded; nothing else is served from it.</summary>
    public static IReadOnlyList<string> BatchFiles { get; } = ["report.md", "report.xlsx", "errors.csv", "results.csv"];

    private readonly SemaphoreSlim _storeLock = new(1, 1);

    /// <summary>Loads the plugins and prepares the data folder.</summary>
    public Workspace(WebOptions options)
    {
        Options = options;
        Templates = TemplateLibrary.Load(options.TemplatesFolder);
        _host = PluginHost.Load(options.PluginsFolder, [Templates], options.Verifier);
        DataFolder = Path.GetFullPath(options.DataFolder);
        UploadsFolder = Path.Combine(DataFolder, "uploads");
        BatchesFolder = Path.Combine(DataFolder, "batches");
        Directory.CreateDirectory(UploadsFolder);
        Directory.CreateDirectory(BatchesFolder);
        Evaluations = new BoundedCache<WebEvaluation>(options.MaxEvaluations, e => { if (e.DataPath is { } path) TryDelete(path); });
        Batches = new BoundedCache<WebBatch>(options.MaxBatches, b => TryDeleteFolder(b.Folder));
    }

    /// <summary>The options.</summary>
    public WebOptions Options { get; }

    /// <summary>The plugins, loaded once.</summary>
    public PluginHost Host => _host;

    // Replaced whole after a web install; a request keeps the host it started with.
    private volatile PluginHost _host;
    private readonly Lock _installLock = new();

    /// <summary>The trust store web installs verify against; 403 unless the operator allowed web installs (checked before an upload is read).</summary>
    /// <exception cref="UploadException">Web installs are off.</exception>
    public string EnsurePluginInstallAllowed() =>
        Options.AllowPluginInstall && Options.TrustStorePath is { } trust ? trust
            : throw new UploadException(403, WebMessages.PluginInstallOff);

    /// <summary>
    /// Installs a signed plugin package through the web, when the operator allowed it: verified
    /// exactly as <c>ntm plugin install</c> does (signature against the trust store, every file's
    /// hash, safe paths, size caps) but never unsigned, never replacing an installed plugin; then
    /// reloads the plugins so the new sets are offered.
    /// </summary>
    /// <exception cref="UploadException">Web installs are off (403).</exception>
    /// <exception cref="NtmRules.Kernel.Diagnostics.PluginException">The package is refused; the problems say why.</exception>
    public InstallResult InstallPlugin(UploadedFile package)
    {
        var trust = EnsurePluginInstallAllowed();
        try
        {
            lock (_installLock)
            {
                var result = PackageInstaller.Install(package.Path, Options.PluginsFolder,
                    new PackageOptions(() => TrustStore.Open(trust), AllowUnsigned: false), replace: false);
                _host = PluginHost.Load(Options.PluginsFolder, [Templates], Options.Verifier);
                return result;
            }
        }
        finally
        {
            TryDelete(package.Path);
        }
    }

    /// <summary>The default plan templates (plugins may override them).</summary>
    public TemplateLibrary Templates { get; }

    /// <summary>The folder the server owns.</summary>
    public string DataFolder { get; }

    /// <summary>Uploaded files, under generated names.</summary>
    public string UploadsFolder { get; }

    /// <summary>Batch output folders, under generated names.</summary>
    public string BatchesFolder { get; }

    /// <summary>The last evaluations.</summary>
    public BoundedCache<WebEvaluation> Evaluations { get; }

    /// <summary>The last batches.</summary>
    public BoundedCache<WebBatch> Batches { get; }

    /// <summary>A new path for an upload: a generated name with one of the known extensions, under <see cref="UploadsFolder"/>.</summary>
    public string NewUploadPath(string extension)
    {
        if (!DataExtensions.Contains(extension) && extension != ".ntmplugin") throw new ArgumentException("not an accepted extension", nameof(extension));
        return Path.Combine(UploadsFolder, BoundedCache<WebEvaluation>.NewId() + extension);
    }

    /// <summary>
    /// Reads the commune in <paramref name="upload"/> and evaluates it against <paramref name="setId"/>,
    /// as <c>ntm evaluate</c> does; the upload is deleted if it cannot be read.
    /// </summary>
    /// <exception cref="InputException">Unknown set, or data that cannot be read (every problem, file, line and field).</exception>
    /// <exception cref="PluginException">The set is in a refused plugin.</exception>
    public async Task<WebEvaluation> EvaluateAsync(string setId, UploadedFile upload, CancellationToken cancel)
    {
        try
        {
            var evaluation = new CommuneEvaluation(_ => Host, SetChoiceReporter.Instance);
            var outcome = await evaluation.EvaluateAsync(new EvaluationRequest(upload.Path, upload.DisplayName, Choice(setId)), cancel);
            var evaluated = new WebEvaluation
            {
                Id = BoundedCache<WebEvaluation>.NewId(),
                Result = outcome.Result,
                Data = new EvaluatedFile(upload.Path),
                EvaluatedAt = DateTimeOffset.UtcNow,
            };
            Evaluations.Add(evaluated.Id, evaluated);
            return evaluated;
        }
        catch
        {
            TryDelete(upload.Path);
            throw;
        }
    }

    /// <summary>
    /// Evaluates an uploaded data file, as <c>ntm evaluate</c> does: a small <c>.json</c> or <c>.csv</c> file for a named
    /// set (at most <see cref="Uploads.InMemoryBytes"/>) is read from memory and its bytes kept for its record; any other
    /// is stored under a generated name first (<see cref="Uploads.SaveAsync"/>). The same refusals either way.
    /// </summary>
    /// <exception cref="UploadException">Not a data file, too large or empty (<see cref="Uploads.CheckData"/>).</exception>
    /// <exception cref="InputException">Unknown set, or data that cannot be read (every problem, file, line and field).</exception>
    /// <exception cref="PluginException">The set is in a refused plugin.</exception>
    public async Task<WebEvaluation> EvaluateAsync(string setId, IFormFile file, CancellationToken cancel)
    {
        var (display, extension) = Uploads.CheckData(this, file);
        if (setId == AutoSet || file.Length > Uploads.InMemoryBytes || !CommuneFileReader.InMemoryExtensions.Contains(extension))
            return await EvaluateAsync(setId, await Uploads.SaveAsync(this, file, cancel), cancel);
        var bytes = await Uploads.ReadAsync(file, cancel);
        var (outcome, data) = await new CommuneEvaluation(_ => Host, SetChoiceReporter.Instance).EvaluateAsync(bytes, display, setId, cancel);
        return Keep(outcome.Result, data);
    }

    /// <summary>Evaluates figures typed in the set's page form, read as a one-row table in memory (<see cref="TypedCommune"/>).</summary>
    /// <exception cref="InputException">Unknown set, or figures that cannot be read (every problem, row and column).</exception>
    /// <exception cref="PluginException">The set is in a refused plugin.</exception>
    public async Task<WebEvaluation> EvaluateAsync(string setId, TypedFigures figures, CancellationToken cancel)
    {
        var (outcome, data) = await new CommuneEvaluation(_ => Host, SetChoiceReporter.Instance).EvaluateAsync(figures, setId, cancel);
        return Keep(outcome.Result, data);
    }

    /// <summary>Keeps an evaluation of data held in memory under a new id.</summary>
    private WebEvaluation Keep(EvaluationResult result, EvaluatedBytes data)
    {
        var evaluated = new WebEvaluation { Id = BoundedCache<WebEvaluation>.NewId(), Result = result, Data = data, EvaluatedAt = DateTimeOffset.UtcNow };
        Evaluations.Add(evaluated.Id, evaluated);
        return evaluated;
    }

    /// <summary>
    /// Set by the portal: why the signed-in account may not save this evaluation (another commune's
    /// data, a read-only role), or null when it may. Null outside the portal: one officer saves anything.
    /// </summary>
    public Func<WebEvaluation, string?>? SaveRefusal { get; set; }

    /// <summary>Appends the evaluation to the record store, as <c>ntm evaluate --save</c> does (and refuses what it refuses).</summary>
    /// <exception cref="InputException">The data has invalid values or a rule failed: not a record to keep.</exception>
    /// <exception cref="StoreException">The store is locked or corrupt.</exception>
    /// <exception cref="UploadException">The portal's <see cref="SaveRefusal"/> refused it (403).</exception>
    public async Task<EvaluationRecord> SaveAsync(WebEvaluation evaluation, CancellationToken cancel)
    {
        if (SaveRefusal?.Invoke(evaluation) is { } refusal) throw new UploadException(403, refusal);
        if (RecordSaving.Refusal(evaluation.Result) is { } notSaved) throw new InputException(notSaved);
        await _storeLock.WaitAsync(cancel);
        try
        {
            if (evaluation.RecordId is { } existing)
            {
                using var open = RecordStore.Open(Options.StorePath, create: false);
                return open.Get(existing);
            }
            var record = RecordSaving.Save(new SaveRequest(evaluation.Result, evaluation.Data, Options.StorePath), DateTimeOffset.UtcNow);
            evaluation.RecordId = record.Id;
            return record;
        }
        finally
        {
            _storeLock.Release();
        }
    }

    /// <summary>The draft plan of an evaluation, as <c>ntm draft --out FILE.md|.docx|.html</c> writes it.</summary>
    /// <exception cref="PluginException">A rule failed at run time (the CLI then writes no plan either).</exception>
    public DraftFile Draft(WebEvaluation evaluation, DraftFormat format)
    {
        var draft = new PlanDrafting(Templates).Draft(evaluation.Result, format);
        return new DraftFile(draft.Content, draft.MediaType, "du-thao-ke-hoach-" + evaluation.Id[..8] + draft.Extension);
    }

    /// <summary>The <c>set</c> value that asks for the set to be chosen from the data ("tự chọn theo tỉnh và ngày").</summary>
    public const string AutoSet = "auto";

    /// <summary>The choice a <c>set</c> value makes: <see cref="AutoSet"/> for the one xã NTM set in force on the (first) commune's assessment date for its province.</summary>
    private static SetChoice Choice(string setId) => setId == AutoSet ? SetChoice.Automatic : SetChoice.Named(setId);

    /// <summary>The web's wording when no single set applies: the candidates listed, with their periods.</summary>
    private sealed class SetChoiceReporter : ISetChoiceReporter
    {
        public static SetChoiceReporter Instance { get; } = new();

        public void Chosen(CriteriaSet set)
        {
            // The page shows the set the result is for; nothing more to say.
        }

        public Problem NoneChosen(SetSelection selection) => new(Severity.Error,
            string.Join("\n", selection.CandidateLines.Select(l => "- " + l).Prepend(selection.Reason).Append(WebMessages.ChooseOneSet)), Field: "set");
    }

    /// <summary>The form field <c>groupBy</c> ("province", "group", "district" or empty); anything else is bad input.</summary>
    /// <exception cref="InputException">An unknown grouping.</exception>
    public static ReportGrouping Grouping(string? code) =>
        ReportGroupings.TryParse(string.IsNullOrEmpty(code) ? null : code, out var grouping) ? grouping
        : throw new InputException(new Problem(Severity.Error, MessageText.Format(WebMessages.UnknownGrouping, string.Join(", ", ReportGroupings.Codes)), Field: "groupBy"));

    /// <summary>Evaluates every commune of the uploads, as <c>ntm batch</c> does, into a new folder under the data folder.</summary>
    /// <exception cref="InputException">Unknown set.</exception>
    public async Task<WebBatch> RunBatchAsync(string setId, IReadOnlyList<UploadedFile> uploads, ReportGrouping grouping, CancellationToken cancel)
    {
        try
        {
            var id = BoundedCache<WebBatch>.NewId();
            var folder = Path.Combine(BatchesFolder, id);
            var request = new BatchRequest(uploads.Select(u => new BatchInput(u.Path, u.DisplayName)).ToArray(), Choice(setId), folder, grouping);
            var outcome = await new CommuneBatch(Host, SetChoiceReporter.Instance).RunAsync(request, null, cancel);
            var batch = new WebBatch(id, folder, uploads.Select(u => u.DisplayName).ToArray(), outcome);
            Batches.Add(id, batch);
            return batch;
        }
        finally
        {
            foreach (var u in uploads) TryDelete(u.Path);
        }
    }

    /// <summary>A file of a batch's output, by one of the fixed names of <see cref="BatchFiles"/>; null for any other name.</summary>
    public static string? BatchFile(WebBatch batch, string name) =>
        BatchFiles.Contains(name) ? Path.Combine(batch.Folder, name) : null;

    /// <summary>Whether the record store exists yet.</summary>
    public bool HasStore => StoreLocation.Exists(Options.StorePath);

    /// <summary>Saved records, oldest first (none when nothing was saved yet).</summary>
    public async Task<IReadOnlyList<EvaluationRecord>> HistoryAsync(string? commune, CancellationToken cancel)
    {
        if (!HasStore) return [];
        await _storeLock.WaitAsync(cancel);
        try
        {
            using var store = RecordStore.Open(Options.StorePath, create: false);
            return store.List(string.IsNullOrWhiteSpace(commune) ? null : commune);
        }
        finally
        {
            _storeLock.Release();
        }
    }

    /// <summary>Runs <paramref name="use"/> on the record store (created when missing when <paramref name="create"/>), one request at a time.</summary>
    /// <exception cref="StoreException">No store yet (without <paramref name="create"/>), or a damaged one.</exception>
    public async Task<T> WithStoreAsync<T>(Func<RecordStore, T> use, bool create, CancellationToken cancel)
    {
        await _storeLock.WaitAsync(cancel);
        try
        {
            using var store = RecordStore.Open(Options.StorePath, create);
            return use(store);
        }
        finally
        {
            _storeLock.Release();
        }
    }

    /// <summary>Two records side by side, as <c>ntm compare A B</c>.</summary>
    /// <exception cref="StoreException">No store yet.</exception>
    /// <exception cref="RecordNotFoundException">Unknown record.</exception>
    public async Task<RecordComparison> CompareAsync(long a, long b, CancellationToken cancel)
    {
        await _storeLock.WaitAsync(cancel);
        try
        {
            using var store = RecordStore.Open(Options.StorePath, create: false);
            return RecordComparison.Of(store.Get(a), store.Get(b));
        }
        finally
        {
            _storeLock.Release();
        }
    }

    /// <summary>
    /// The whole store checked as <c>ntm verify --all</c> does: the hash chain and its head, then
    /// every record re-run with the plugins loaded now. Null when nothing was saved yet.
    /// </summary>
    public async Task<StoreVerification?> VerifyAsync(CancellationToken cancel)
    {
        if (!HasStore) return null;
        await _storeLock.WaitAsync(cancel);
        try
        {
            using var store = RecordStore.Open(Options.StorePath, create: false);
            // The re-run reads the stored data with the reader it was read with; a record that cannot be re-run is reported, not a 500.
            return await RecordChecks.VerifyAllAsync(store, Host, cancel);
        }
        finally
        {
            _storeLock.Release();
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void TryDeleteFolder(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
