using NtmRules.Kernel.Tests.Records;
using NtmRules.Records;

namespace NtmRules.Cli.Tests;

/// <summary>End-to-end: <c>--store</c> with a PostgreSQL connection string, review steps in <c>history</c> and <c>verify</c>.</summary>
public class PostgresStoreCliTests
{
    [Fact]
    public void Evaluate_save_history_and_verify_work_on_a_postgres_store_and_cover_review_steps()
    {
        var store = PostgresTestServer.NewStore();
        var saved = Cli.Run("evaluate", "--set", "vn.qd318.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"), "--save", "--store", store);
        saved.ExitCode.Should().Be(0, saved.ToString());
        saved.Stderr.Should().MatchRegex(@"saved as record 1 in postgres://[^ ]+@[^ ]+:\d+/ntm_test_\w+ \(hash").And.NotContain("Password=", "a store is named without its password");

        using (var records = RecordStore.Open(store, create: false))
        {
            var record = records.Get(1);
            records.AppendReview(new ReviewStepDraft(record.CommuneKey, record.Year, 1, ReviewAction.Returned, "tinh.thanh-hoa", "Bổ sung minh chứng",
                [new IndicatorComment("2.1", "Thiếu biên bản")]), DateTimeOffset.UtcNow);
        }

        var history = Cli.Run("history", "--store", store, "--lang", "vi");
        history.ExitCode.Should().Be(0, history.ToString());
        history.Stdout.Should().Contain("1 bản ghi.").And.Contain("Các bước thẩm định").And.Contain("1 bước thẩm định.")
            .And.Contain("Đầu chuỗi (chain head): bản ghi 2");
        var verify = Cli.Run("verify", "--all", "--store", store);
        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.Stdout.Should().Contain("hash chain intact (2 records, 1 of them review steps)").And.Contain("record 1 (Cẩm Thành 2023, vn.qd318.xa-ntm): identical");
    }
}
