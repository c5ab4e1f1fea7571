using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Records;
using NtmRules.Tests.Shared;
using Shipped = NtmRules.Kernel.Tests.Drafting.ShippedPlugins;

namespace NtmRules.Kernel.Tests.Records;

/// <summary>
/// The record store's and the verifier's messages follow the UI language (#17), and the language never
/// decides a verification: a record saved in one language verifies identically in the other.
/// </summary>
public class MessagesInVietnameseTests
{
    /// <summary>A commune assessed before the set's period: the result document carries a warning for people in the saving session's language.</summary>
    private static byte[] CommuneWithWarning() => System.Text.Encoding.UTF8.GetBytes(
        File.ReadAllText(RepoPaths.Of("samples", "cam-thanh-2023.json"))
            .Replace("\"year\": 2023,\n  \"assessmentDate\": \"2023-07-15\"", "\"year\": 2019,\n  \"assessmentDate\": \"2019-07-15\""));

    private static async Task<EvaluationRecord> SaveAsync(RecordStore store, byte[] bytes)
    {
        var data = CommuneDataReader.Parse(bytes, "cam-thanh-2019.json", []);
        var result = await Shipped.Host.Evaluator.EvaluateAsync(Shipped.Host.GetSet("vn.qd318.xa-ntm"), data);
        return store.Append(RecordDrafts.Of(result, bytes, TestStores.At), TestStores.At);
    }

    [Theory]
    [InlineData("vi", "en")]
    [InlineData("en", "vi")]
    public async Task A_record_saved_in_one_language_verifies_identically_in_the_other(string savedIn, string verifiedIn)
    {
        using var store = RecordStore.Open(TestStores.New(StoreBackend.Sqlite), create: true);
        EvaluationRecord saved;
        using (TestCulture.Use(savedIn)) saved = await SaveAsync(store, CommuneWithWarning());
        ((JArray)JObject.Parse(saved.EvaluationJson)["problems"]!).Should().NotBeEmpty("the record must hold a text for people for the test to mean anything");

        using var _ = TestCulture.Use(verifiedIn);
        var verdict = await RecordVerifier.VerifyAsync(store.Get(saved.Id), Shipped.Host);

        verdict.Identical.Should().BeTrue(string.Join("; ", verdict.Differences));
        CultureInfoName().Should().Be(verifiedIn, "verifying in another language leaves the session's language as it was");
    }

    [Fact]
    public async Task An_edited_record_s_differences_are_told_in_Vietnamese()
    {
        using var store = RecordStore.Open(TestStores.New(StoreBackend.Sqlite), create: true);
        var saved = await SaveAsync(store, CommuneWithWarning());
        var edited = saved with { EvaluationJson = saved.EvaluationJson.Replace("\"chua-dat\"", "\"dat\""), PluginVersion = "0.9.0" };
        using var _ = TestCulture.Use("vi");

        var verdict = await RecordVerifier.VerifyAsync(edited, Shipped.Host);

        verdict.Differences.Should().Contain($"phiên bản plugin đã đổi: 0.9.0 khi lưu, nay là {saved.PluginVersion}");
        verdict.Differences.Should().Contain(d => d.StartsWith("kết quả chỉ tiêu ") && d.Contains(" đổi từ "));
    }

    [Fact]
    public void Store_errors_are_in_Vietnamese()
    {
        var location = TestStores.New(StoreBackend.Sqlite);
        using var _ = TestCulture.Use("vi");
        Message(() => RecordStore.Open(location, create: false))
            .Should().Be("không có kho bản ghi ở đây: chưa lưu gì (dùng 'ntm evaluate … --save'), hoặc chỉ định --store PATH");

        using var store = RecordStore.Open(location, create: true);
        Message(() => store.Get(1)).Should().Be("không có bản ghi 1: kho đang trống");
        var first = store.Append(TestStores.Draft(), TestStores.At);
        store.Append(TestStores.Draft(), TestStores.At);
        Message(() => store.Get(3)).Should().Be("không có bản ghi 3 (các bản ghi được đánh số 1–2)");
        Message(() => store.AppendReview(new ReviewStepDraft("26881", 2025, first.Id, ReviewAction.Submitted, " ", null, []), TestStores.At))
            .Should().Be("bước duyệt cần ghi tài khoản thực hiện");
        Message(() => store.AppendReview(new ReviewStepDraft("26881", 2024, first.Id, ReviewAction.Submitted, "thu-ky", null, []), TestStores.At))
            .Should().Be("bản ghi 1 là kết quả đánh giá của 26881 năm 2025, không phải của 26881 năm 2024: bước duyệt phải nói về bản ghi của đúng xã và năm đó");
        Message(() => store.Audit("xyz")).Should().StartWith("--expect-head cần mã băm của một bản ghi");
        store.Audit().Head!.ToString().Should().StartWith("bản ghi 2, mã băm ");
    }

    [Fact]
    public void In_English_the_store_errors_read_as_before()
    {
        using var _ = TestCulture.Use("en");
        using var store = RecordStore.Open(TestStores.New(StoreBackend.Sqlite), create: true);
        Message(() => store.Get(1)).Should().Be("record 1 does not exist: the store is empty");
        var first = store.Append(TestStores.Draft(), TestStores.At);
        Message(() => store.AppendReview(new ReviewStepDraft("26881", 2025, first.Id, ReviewAction.Submitted, " ", null, []), TestStores.At))
            .Should().Be("a review step names the account that took it");
        store.Audit().Head!.ToString().Should().StartWith("record 1, hash ");
    }

    private static string Message(Action act) => act.Should().Throw<NtmException>().Which.Problems[0].Message;

    private static string CultureInfoName() => System.Globalization.CultureInfo.CurrentUICulture.Name;
}
