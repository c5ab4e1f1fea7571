using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using NtmRules.Records;
using Shipped = NtmRules.Kernel.Tests.Drafting.ShippedPlugins;
using Stores = NtmRules.Kernel.Tests.Records.TestStores;
using StoreBackend = NtmRules.Kernel.Tests.Records.StoreBackend;

namespace NtmRules.Records.Tests;

/// <summary>
/// What <c>ntm verify</c> and <c>ntm evaluate --save</c> rest on, found in-process by the store and the
/// verifier on real evaluations of the shipped plugins (moved from the CLI's <c>RecordsTests</c>, which
/// keeps what only the commands show): evaluation records refuse updates and deletes, a changed
/// workflow byte, threshold, base plugin or signature status is named, and a locked store is a store
/// problem that writes nothing.
/// </summary>
public class RecordVerifierTests
{
    private const string Qd318 = "vn.qd318.xa-ntm";
    private const string ThanhHoa = "vn.thanh-hoa.2022-2025.xa-ntm";

    public static TheoryData<StoreBackend> Backends => Stores.Backends;

    /// <summary>Records an evaluation of <paramref name="sample"/> by <paramref name="host"/> in a new SQLite store.</summary>
    private static async Task<(RecordStore Store, EvaluationRecord Record)> SaveAsync(PluginHost host, string setId, string sample = "cam-thanh-2023.json",
        string? location = null)
    {
        var bytes = File.ReadAllBytes(NtmRules.Kernel.Tests.RepoPaths.Of("samples", sample));
        var data = CommuneDataReader.Parse(bytes, sample, []);
        var result = await host.Evaluator.EvaluateAsync(host.GetSet(setId), data);
        var store = RecordStore.Open(location ?? Stores.New(StoreBackend.Sqlite), create: true);
        return (store, store.Append(RecordDrafts.Of(result, bytes, Stores.At), Stores.At));
    }

    /// <summary>
    /// The shipped plugin folders <paramref name="keep"/> laid out afresh, <paramref name="edit"/> applied
    /// to the plugins root, and loaded for <paramref name="setId"/> with <paramref name="verifier"/>'s status.
    /// </summary>
    private static PluginHost Installed(string setId, string[] keep, Action<string>? edit = null, IPluginVerifier? verifier = null)
    {
        var root = "";
        Shipped.Load(r =>
        {
            root = r;
            foreach (var dir in Directory.GetDirectories(r).Where(d => !keep.Contains(Path.GetFileName(d)))) Directory.Delete(dir, recursive: true);
            edit?.Invoke(r);
        });
        return PluginHost.LoadFor(root, setId, [Shipped.Templates], verifier);
    }

    /// <summary>Changes one space of a workflow to a tab: the same rules, one byte different.</summary>
    private static void OneByte(string workflow)
    {
        var bytes = File.ReadAllBytes(workflow);
        bytes[Array.LastIndexOf(bytes, (byte)' ')] = (byte)'\t';
        File.WriteAllBytes(workflow, bytes);
    }

    [Theory, MemberData(nameof(Backends))]
    public void Evaluation_records_cannot_be_updated_or_deleted_through_the_database(StoreBackend backend)
    {
        var location = Stores.New(backend);
        using (var store = RecordStore.Open(location, create: true)) store.Append(Stores.Draft(), Stores.At);

        var update = () => Stores.Sql(backend, location, "UPDATE records SET summary = '19/19 tiêu chí, 57/57 chỉ tiêu';");
        update.Should().Throw<Exception>().WithMessage("*append-only*");
        var delete = () => Stores.Sql(backend, location, "DELETE FROM records;");
        delete.Should().Throw<Exception>().WithMessage("*append-only*");
    }

    [Fact]
    public async Task An_edited_record_names_the_indicator_whose_result_changed()
    {
        var (store, saved) = await SaveAsync(Shipped.Host, Qd318);
        using var _ = store;
        var edited = saved with { EvaluationJson = saved.EvaluationJson.Replace("\"chua-dat\"", "\"dat\"") };

        var verdict = await RecordVerifier.VerifyAsync(edited, Shipped.Host);

        verdict.Differences.Should().Contain("result of indicator 11 changed from met to not met");
    }

    [Fact]
    public async Task One_changed_byte_in_a_plugin_workflow_changes_its_hash_and_a_changed_threshold_names_the_indicator()
    {
        var (store, saved) = await SaveAsync(Shipped.Host, Qd318);
        using var _ = store;
        string[] keep = ["NtmRules.Plugins.Qd318"];
        const string plugin = "NtmRules.Plugins.Qd318";

        var oneByte = await RecordVerifier.VerifyAsync(saved, Installed(Qd318, keep, root => OneByte(Path.Combine(root, plugin, "rules", "xa-ntm.json"))));
        oneByte.Differences.Should().Contain(d => d.StartsWith("plugin hash changed:", StringComparison.Ordinal))
            .And.NotContain(d => d.StartsWith("result of indicator", StringComparison.Ordinal), "the same rules judge the same");

        var threshold = await RecordVerifier.VerifyAsync(saved, Installed(Qd318, keep, root =>
        {
            var set = Path.Combine(root, plugin, "sets", "xa-ntm.json");
            var doc = JObject.Parse(File.ReadAllText(set));
            var poverty = doc["criteria"]!.SelectMany(c => c["indicators"]!).Single(i => (string)i["code"]! == "11");
            poverty["threshold"]!["values"]![0]!["regions"]!["BTB"] = 13;
            File.WriteAllText(set, doc.ToString());
        }));
        threshold.Differences.Should().Contain("result of indicator 11 changed from not met to met").And.Contain("threshold of indicator 11 changed from <= 6.5 to <= 13");
    }

    [Fact]
    public async Task A_provincial_record_names_a_change_in_the_national_plugin_it_extends()
    {
        var (store, saved) = await SaveAsync(Shipped.Host, ThanhHoa);
        using var _ = store;
        string[] keep = ["NtmRules.Plugins.Qd318", "NtmRules.Plugins.ThanhHoa"];
        (await RecordVerifier.VerifyAsync(saved, Installed(ThanhHoa, keep))).Identical.Should().BeTrue();

        // The provincial plugin is untouched; the national one it extends changes by one byte.
        var verdict = await RecordVerifier.VerifyAsync(saved, Installed(ThanhHoa, keep, root => OneByte(Path.Combine(root, "NtmRules.Plugins.Qd318", "rules", "xa-ntm.json"))));
        verdict.Differences.Should().Contain(d => d.StartsWith("base plugin vn.qd318 of set vn.qd318.xa-ntm changed", StringComparison.Ordinal))
            .And.NotContain(d => d.StartsWith("plugin hash changed:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_signature_status_is_named_and_the_same_one_is_not()
    {
        string[] keep = ["NtmRules.Plugins.Qd318"];
        var bundled = Installed(Qd318, keep, verifier: new Vouching(new PluginSignature(PluginSignatureStatus.Bundled)));
        var (store, saved) = await SaveAsync(bundled, Qd318);
        using var _ = store;

        (await RecordVerifier.VerifyAsync(saved, bundled)).Identical.Should().BeTrue();
        var unsigned = Installed(Qd318, keep, verifier: new Vouching(new PluginSignature(PluginSignatureStatus.UnsignedAllowed, Reason: "unsigned: a copied folder")));
        var verdict = await RecordVerifier.VerifyAsync(saved, unsigned);
        verdict.Differences.Should().Contain("plugin signature changed: bundled when saved, unsigned-allowed now")
            .And.NotContain(d => d.StartsWith("plugin hash changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_locked_store_is_a_store_problem_and_nothing_is_written()
    {
        var location = Stores.New(StoreBackend.Sqlite);
        var (store, _) = await SaveAsync(Shipped.Host, Qd318, location: location);
        store.Dispose();
        var draft = Stores.Draft();
        using (var holder = new SqliteConnection($"Data Source={location};Pooling=False"))
        {
            holder.Open();
            using var tx = holder.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
            using (var cmd = holder.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = "PRAGMA locking_mode = EXCLUSIVE; SELECT COUNT(*) FROM records;";
                cmd.ExecuteScalar();
            }
            var save = () =>
            {
                using var locked = RecordStore.Open(location, create: true);
                locked.Append(draft, Stores.At);
            };
            save.Should().Throw<StoreException>().Which.Problems.Should().Contain(p => p.Message.Contains("locked by another program"));
            tx.Rollback();
        }
        using var reopened = RecordStore.Open(location, create: false);
        reopened.List().Should().ContainSingle();
    }

    /// <summary>A signature policy that vouches for every folder with one status.</summary>
    private sealed class Vouching(PluginSignature signature) : IPluginVerifier
    {
        public PluginSignature? Verify(string pluginFolder, ICollection<Problem> problems) => signature;
    }
}
