using Microsoft.Data.Sqlite;
using NtmRules.Records;

namespace NtmRules.Kernel.Tests.Hostile;

/// <summary>
/// Tampering with the record store outside ntm (issue 16, cases 14–16): deleting the newest
/// records, dropping the append-only triggers, damaging the file. <c>ntm verify</c> reports each
/// (exit code 5) and nothing more is written to such a store (<see cref="StoreException"/>, exit code 4).
/// </summary>
public class HostileRecordStoreTests
{
    private static string NewStore(int records)
    {
        var path = Path.Combine(Path.GetTempPath(), "ntm-hostile-store-" + Guid.NewGuid().ToString("N"), "records.db");
        using var store = RecordStore.Open(path, create: true);
        for (var i = 0; i < records; i++) Save(store);
        return path;
    }

    private static EvaluationRecord Save(RecordStore store) => store.Append(new RecordDraft(
        "Xã Thử|Thanh Hóa", "Xã Thử", null, "Thanh Hóa", 2023, "vn.test", "vn.test", "1.0.0", new string('a', 64), "1.0.0", "6.0.1",
        "xa.json", "{}"u8.ToArray(), "{\"plugin\":{}}", "{}", "1/1"), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>What someone with the sqlite3 shell can do.</summary>
    private static void Sql(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Fact] // case 14
    public void Case14_deleting_the_newest_records_is_found_through_the_head_file_and_no_record_is_chained_onto_the_cut()
    {
        var path = NewStore(15);
        Sql(path, "DROP TRIGGER records_no_delete; DELETE FROM records WHERE id >= 10; CREATE TRIGGER records_no_delete BEFORE DELETE ON records BEGIN SELECT RAISE(ABORT, 'evaluation records are append-only'); END;");
        using var store = RecordStore.Open(path, create: false);

        store.VerifyChain().Should().BeEmpty("the rest of the chain still links up: that is why a head is kept outside");
        var audit = store.Audit();
        audit.Intact.Should().BeFalse();
        audit.Tampering.Should().ContainSingle().Which.Should().Contain("newest records were deleted").And.Contain("record 15").And.Contain("record 9");
        audit.Head!.Id.Should().Be(9);

        var act = () => Save(store);
        act.Should().Throw<StoreException>().Which.Problems.Single().Message.Should().Contain("nothing was saved");
    }

    [Fact] // case 14: the head an auditor kept
    public void Case14_a_head_kept_by_an_auditor_reveals_a_deletion_even_with_the_head_file_gone()
    {
        var path = NewStore(15);
        string kept;
        using (var store = RecordStore.Open(path, create: false)) kept = store.Head()!.Hash;
        Sql(path, "DROP TRIGGER records_no_delete; DELETE FROM records WHERE id = 15; CREATE TRIGGER records_no_delete BEFORE DELETE ON records BEGIN SELECT RAISE(ABORT, 'x'); END;");
        File.Delete(path + ".head");
        using (var store = RecordStore.Open(path, create: false))
        {
            store.Audit().Intact.Should().BeTrue("without the head file nothing in the store shows the cut");
            var audit = store.Audit(kept);
            audit.Intact.Should().BeFalse();
            audit.Tampering.Should().ContainSingle().Which.Should().Contain("no record has the hash you kept");
            store.Audit(kept[..12]).Intact.Should().BeFalse("the 12 digits ntm history shows are enough");
        }
    }

    [Fact] // case 14: a head kept earlier, with records saved since, is fine
    public void Case14_a_head_kept_before_later_saves_is_still_in_the_chain()
    {
        var path = NewStore(3);
        using var store = RecordStore.Open(path, create: false);
        var kept = store.Head()!.Hash;
        Save(store);
        var audit = store.Audit(kept);
        audit.Intact.Should().BeTrue();
        audit.Notes.Should().ContainSingle().Which.Should().Contain("records 4–4 were saved after it");
        File.ReadAllText(path + ".head").Should().Be($"ntm.record-head/1 4 {store.Head()!.Hash}\n");
    }

    [Fact] // case 15
    public void Case15_dropped_triggers_are_reported_and_the_store_takes_no_more_records()
    {
        var path = NewStore(2);
        Sql(path, "DROP TRIGGER records_no_delete; DROP TRIGGER records_no_update;");
        using var store = RecordStore.Open(path, create: false);
        var audit = store.Audit();
        audit.Intact.Should().BeFalse();
        audit.Tampering.Should().HaveCount(2).And.Contain(t => t.Contains("records_no_delete was dropped"));
        var act = () => Save(store);
        act.Should().Throw<StoreException>().Which.Problems.Single().Message.Should().Contain("lost its append-only trigger(s) records_no_update, records_no_delete");
    }

    [Fact] // case 16
    public void Case16_a_damaged_store_file_takes_no_new_record()
    {
        var path = NewStore(40);
        var length = new FileInfo(path).Length;
        using (var f = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            f.Position = length / 2;
            f.Write(Enumerable.Range(0, 8192).Select(i => (byte)(i * 37 % 251)).ToArray());
        }
        var act = () =>
        {
            using var store = RecordStore.Open(path, create: false);
            Save(store);
        };
        act.Should().Throw<StoreException>().Which.Problems.Single().Message.Should().ContainAny("damaged", "corrupt");
        File.ReadAllText(path + ".head").Should().StartWith("ntm.record-head/1 40 ", "no record 41 was chained onto the damaged store");
    }
}
