using NtmRules.Kernel.Data;
using Shipped = NtmRules.Kernel.Tests.Drafting.ShippedPlugins;
using NtmRules.Records;

namespace NtmRules.Kernel.Tests.Records;

/// <summary>The record store and the verifier, the same on every backend.</summary>
public class RecordStoreTests
{
    public static TheoryData<StoreBackend> Backends => TestStores.Backends;

    [Theory, MemberData(nameof(Backends))]
    public void Records_round_trip_and_chain(StoreBackend backend)
    {
        var location = TestStores.New(backend);
        using (var store = RecordStore.Open(location, create: true))
        {
            store.Head().Should().BeNull();
            store.Audit().Should().BeEquivalentTo(new StoreAudit([], [], [], null, 0));
            store.Append(TestStores.Draft(), TestStores.At);
            store.Append(TestStores.Draft("99999", 2024) with { CommuneCode = null, Province = null, DataBytes = [0, 255, 10] }, TestStores.At.AddMinutes(1));
        }
        using var reopened = RecordStore.Open(location, create: false);
        var list = reopened.List();
        list.Select(r => r.Id).Should().Equal(1, 2);
        list[1].PreviousHash.Should().Be(list[0].Hash);
        list[1].Should().BeEquivalentTo(reopened.Get(2));
        list[1].DataBytes.Should().Equal(0, 255, 10);
        list[1].CommuneCode.Should().BeNull();
        list[1].CreatedAt.Should().Be("2026-12-01T08:31:00Z");
        reopened.List("99999").Should().ContainSingle().Which.Year.Should().Be(2024);
        reopened.List("26881").Should().ContainSingle("a commune is found by its code too");
        reopened.Audit().Intact.Should().BeTrue();
        var missing = () => reopened.Get(3);
        missing.Should().Throw<RecordNotFoundException>().Which.Problems.Single().Message.Should().Be("record 3 does not exist (records are numbered 1–2)");
    }

    [Theory, MemberData(nameof(Backends))]
    public void Appends_from_several_connections_at_once_make_one_unbroken_chain(StoreBackend backend)
    {
        var location = TestStores.New(backend);
        RecordStore.Open(location, create: true).Dispose();
        // Several web workers, each with its own connection, saving at the same moment.
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            using var store = RecordStore.Open(location, create: false);
            for (var i = 0; i < 5; i++)
            {
                var record = store.Append(TestStores.Draft(), TestStores.At);
                store.AppendReview(new ReviewStepDraft("26881", 2025, record.Id, ReviewAction.Submitted, $"worker{worker}", null, []), TestStores.At);
            }
        });
        using var check = RecordStore.Open(location, create: false);
        var audit = check.Audit();
        audit.Intact.Should().BeTrue(string.Join("; ", audit.Breaks.Select(b => $"{b.RecordId}: {b.Reason}").Concat(audit.Tampering)));
        audit.Count.Should().Be(40);
        audit.Head!.Id.Should().Be(40);
        audit.Notes.Should().BeEmpty("the anchored head is the newest entry");
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task A_saved_evaluation_re_runs_identically_and_an_edited_one_shows_its_differences(StoreBackend backend)
    {
        var bytes = File.ReadAllBytes(RepoPaths.Of("samples", "cam-thanh-2023.json"));
        var data = CommuneDataReader.Parse(bytes, "cam-thanh-2023.json", []);
        var result = await Shipped.Host.Evaluator.EvaluateAsync(Shipped.Host.GetSet("vn.qd318.xa-ntm"), data);
        using var store = RecordStore.Open(TestStores.New(backend), create: true);
        var saved = store.Append(RecordDrafts.Of(result, bytes, TestStores.At), TestStores.At);

        var verdict = await RecordVerifier.VerifyAsync(store.Get(saved.Id), Shipped.Host);
        verdict.Identical.Should().BeTrue(string.Join("; ", verdict.Differences));

        var edited = store.Get(saved.Id) with { EvaluationJson = store.Get(saved.Id).EvaluationJson.Replace("\"chua-dat\"", "\"dat\"") };
        var changed = await RecordVerifier.VerifyAsync(edited, Shipped.Host);
        changed.Identical.Should().BeFalse();
        changed.Differences.Should().Contain(d => d.StartsWith("result of indicator"));
    }

    /// <summary>A record saved from a one-row table (the web page's typed figures are kept so) re-runs through the table reader, identically.</summary>
    [Fact]
    public async Task A_record_saved_from_a_table_re_runs_identically()
    {
        var set = Shipped.Host.GetSet("vn.qd318.xa-ntm");
        var folder = Directory.CreateTempSubdirectory("ntm-record-test-");
        var path = Path.Combine(folder.FullName, "xa.csv");
        File.WriteAllText(path, "name,province,region,year,tongSoHo,hoNgheo,hoCanNgheo\nCẩm Thành,Thanh Hóa,BTB,2023,1.784,71,149\n");
        var data = NtmRules.Intake.Readers.CommuneFileReader.ReadOne(path, "xa.csv", set.Set, []);
        var result = await Shipped.Host.Evaluator.EvaluateAsync(set, data);
        using var store = RecordStore.Open(TestStores.New(StoreBackend.Sqlite), create: true);
        var saved = store.Append(RecordDrafts.Of(result, File.ReadAllBytes(path), TestStores.At), TestStores.At);
        folder.Delete(recursive: true);

        store.Get(saved.Id).DataFile.Should().Be("xa.csv");
        var verdict = await RecordVerifier.VerifyAsync(store.Get(saved.Id), Shipped.Host);
        verdict.Identical.Should().BeTrue(string.Join("; ", verdict.Differences));
    }
}
