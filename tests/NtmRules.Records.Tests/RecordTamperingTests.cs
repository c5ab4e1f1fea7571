using NtmRules.Kernel.Data;
using Stores = NtmRules.Kernel.Tests.Records.TestStores;
using NtmRules.Kernel.Loading;
using NtmRules.Records;
using Shipped = NtmRules.Kernel.Tests.Drafting.ShippedPlugins;

namespace NtmRules.Records.Tests;

/// <summary>
/// What <c>ntm verify</c> reports, found in-process by the store and the verifier themselves, on every
/// backend: an evaluation record edited or deleted by hand breaks the chain where it happened, and a
/// record whose plugin is not installed says which one it needs.
/// </summary>
public class RecordTamperingTests
{
    public static TheoryData<NtmRules.Kernel.Tests.Records.StoreBackend> Backends => NtmRules.Kernel.Tests.Records.TestStores.Backends;

    [Theory, MemberData(nameof(Backends))]
    public void An_evaluation_record_edited_by_hand_breaks_the_chain_at_that_record(NtmRules.Kernel.Tests.Records.StoreBackend backend)
    {
        var location = Stores.New(backend);
        using (var store = RecordStore.Open(location, create: true))
        {
            store.Append(Stores.Draft(), Stores.At);
            store.Append(Stores.Draft("99999"), Stores.At);
        }
        Stores.Sql(backend, location, Stores.DropTrigger(backend, "records", "records_no_update")
            + " UPDATE records SET summary = '19/19' WHERE id = 1; " + Stores.RestoreTrigger(backend, "records", "records_no_update"));

        using var reopened = RecordStore.Open(location, create: false);
        reopened.VerifyChain().Should().ContainSingle().Which.Should().Be(new ChainBreak(1, "its content does not match its hash (record edited)"));
        reopened.Audit().Intact.Should().BeFalse();
    }

    [Theory, MemberData(nameof(Backends))]
    public void An_evaluation_record_deleted_by_hand_is_named_as_missing(NtmRules.Kernel.Tests.Records.StoreBackend backend)
    {
        var location = Stores.New(backend);
        using (var store = RecordStore.Open(location, create: true))
        {
            for (var i = 0; i < 3; i++) store.Append(Stores.Draft(), Stores.At);
        }
        Stores.Sql(backend, location, Stores.DropTrigger(backend, "records", "records_no_delete")
            + " DELETE FROM records WHERE id = 2; " + Stores.RestoreTrigger(backend, "records", "records_no_delete"));

        using var reopened = RecordStore.Open(location, create: false);
        reopened.VerifyChain().Select(b => (b.RecordId, b.Reason)).Should().Contain((3, "record 2 is missing (deleted)"));
    }

    [Fact]
    public async Task A_record_whose_plugin_is_not_installed_names_the_plugin_and_version_it_needs()
    {
        var bytes = File.ReadAllBytes(NtmRules.Kernel.Tests.RepoPaths.Of("samples", "cam-thanh-2023.json"));
        var data = CommuneDataReader.Parse(bytes, "cam-thanh-2023.json", []);
        var result = await Shipped.Host.Evaluator.EvaluateAsync(Shipped.Host.GetSet("vn.qd318.xa-ntm"), data);
        using var store = RecordStore.Open(Stores.New(NtmRules.Kernel.Tests.Records.StoreBackend.Sqlite), create: true);
        var saved = store.Append(RecordDrafts.Of(result, bytes, Stores.At), Stores.At);

        var empty = PluginHost.Load(Directory.CreateTempSubdirectory("ntm-no-plugins-").FullName);
        var verdict = await RecordVerifier.VerifyAsync(store.Get(saved.Id), empty);
        verdict.Identical.Should().BeFalse();
        verdict.PluginMissing.Should().Be("record 1 needs plugin vn.qd318 version 1.0.0 (set vn.qd318.xa-ntm), which is not installed");
    }

    [Fact]
    public async Task Verifying_a_record_twice_gives_the_same_verdict()
    {
        var bytes = File.ReadAllBytes(NtmRules.Kernel.Tests.RepoPaths.Of("samples", "cam-thanh-2023.json"));
        var data = CommuneDataReader.Parse(bytes, "cam-thanh-2023.json", []);
        var result = await Shipped.Host.Evaluator.EvaluateAsync(Shipped.Host.GetSet("vn.qd318.xa-ntm"), data);
        using var store = RecordStore.Open(Stores.New(NtmRules.Kernel.Tests.Records.StoreBackend.Sqlite), create: true);
        var saved = store.Append(RecordDrafts.Of(result, bytes, Stores.At), Stores.At);
        var edited = store.Get(saved.Id) with { EvaluationJson = store.Get(saved.Id).EvaluationJson.Replace("\"chua-dat\"", "\"dat\"") };

        var first = await RecordVerifier.VerifyAsync(edited, Shipped.Host);
        var second = await RecordVerifier.VerifyAsync(edited, Shipped.Host);
        first.Differences.Should().NotBeEmpty().And.Equal(second.Differences);
    }
}
