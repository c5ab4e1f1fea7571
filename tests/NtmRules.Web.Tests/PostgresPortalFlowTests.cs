using System.Net;
using System.Text.RegularExpressions;

namespace NtmRules.Web.Tests;

[CollectionDefinition(Name)]
public sealed class PostgresPortalFlowCollection : ICollectionFixture<PostgresPortalServer>
{
    public const string Name = "portal flow on PostgreSQL";
}

/// <summary>
/// The browser flow's steps (<see cref="PortalBrowserTests"/>) with the record store and the accounts in
/// PostgreSQL, posted as the pages' forms post them: what differs from SQLite is the store, which every step
/// reads and writes (accounts and sign-in, the record the form saves, the review chain, the verification),
/// not the pages, so no browser is started for it.
/// </summary>
[Collection(PostgresPortalFlowCollection.Name)]
public sealed partial class PostgresPortalFlowTests(PostgresPortalServer server)
{
    /// <summary>Posts a page's form with the session's antiforgery token; the answer is not disposed by the caller.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        await client.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", await PortalServer.TokenAsync(client)))));

    /// <summary>Takes a review step and follows the redirect back to the dossier page, as the browser does.</summary>
    private static async Task<string> StepAsync(HttpClient client, string action, params (string Name, string Value)[] fields)
    {
        using var answer = await PostAsync(client, $"{PortalBrowserTests.Dossier2024}/{action}", fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        answer.StatusCode.Should().Be(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        return await client.GetStringAsync(answer.Headers.Location);
    }

    private static string StateOf(string dossierPage) =>
        DossierState().Match(dossierPage) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no dossier state on the page");

    [Fact]
    public async Task Submit_return_with_a_comment_resubmit_accept_and_verify_each_as_its_role()
    {
        await server.EvaluateAndSaveAsync("cam-thanh-2023.json"); // last year's record, to be shown beside

        using var commune = await server.SignedInAsync("xa.camthanh");
        var fields = (await PortalBrowserTests.SampleFieldsAsync()).Append(new("save", "true"));
        using var evaluated = await PostAsync(commune, $"/sets/{PortalBrowserTests.Set}/form", fields);
        evaluated.StatusCode.Should().Be(HttpStatusCode.Redirect, await evaluated.Content.ReadAsStringAsync());
        var evaluationUrl = evaluated.Headers.Location!.ToString();
        evaluationUrl.Should().MatchRegex("^/evaluations/[0-9a-f]{32}$");
        var dossier = await commune.GetStringAsync(PortalBrowserTests.Dossier2024);
        StateOf(dossier).Should().Be("chua-nop");
        var record = RecordOption().Match(dossier).Groups[1].Value;
        record.Should().NotBeEmpty("the commune's saved 2024 record is offered for submission");
        StateOf(await StepAsync(commune, "nop", ("record", record), ("comment", "Xã gửi hồ sơ tự đánh giá năm 2024."))).Should().Be("cho-tham-dinh");

        using var province = await server.SignedInAsync("tinh.thanhhoa");
        var reviewed = await province.GetStringAsync(PortalBrowserTests.Dossier2024);
        StateOf(reviewed).Should().Be("cho-tham-dinh");
        Regex.IsMatch(reviewed, "data-indicator=\"11\">(?:(?!</tr>).)*<td class=\"previous\"><span class=\"status st-chua-dat\" data-status=\"chua-dat\"", RegexOptions.Singleline)
            .Should().BeTrue("last year's record stands beside the submission");
        StateOf(await StepAsync(province, "tra-lai", ("y-kien.11", "Tỷ lệ hộ nghèo: cần số liệu rà soát cuối năm 2024."))).Should().Be("bi-tra-lai");

        var returned = await commune.GetStringAsync(PortalBrowserTests.Dossier2024);
        returned.Should().Contain("data-comment-for=\"11\">Tỷ lệ hộ nghèo: cần số liệu rà soát cuối năm 2024.");
        StateOf(await StepAsync(commune, "nop", ("record", record), ("comment", ""))).Should().Be("cho-tham-dinh");
        var accepted = await StepAsync(province, "chap-nhan", ("comment", "Hồ sơ đạt yêu cầu."));
        StateOf(accepted).Should().Be("da-chap-nhan");
        accepted.Should().NotContain("id=\"return\"");

        using var auditor = await server.SignedInAsync("kiemtoan");
        var history = await auditor.GetStringAsync(PortalBrowserTests.Dossier2024);
        StateOf(history).Should().Be("da-chap-nhan");
        StepAccount().Matches(history).Select(m => m.Groups[1].Value).Should().Equal("xa.camthanh", "tinh.thanhhoa", "xa.camthanh", "tinh.thanhhoa");
        history.Should().NotContainAny("id=\"submit\"", "id=\"return\"", "id=\"accept\"");
        using var verified = await auditor.GetAsync("/kiem-chung");
        var verification = await verified.Content.ReadAsStringAsync();
        verified.StatusCode.Should().Be(HttpStatusCode.OK, verification);
        verification.Should().Contain("id=\"verify-summary\" data-intact=\"true\"");
        Verdict().Matches(verification).Select(m => m.Groups[1].Value).Should().NotBeEmpty().And.OnlyContain(v => v == "trung-khop",
            "last year's record (a JSON file) and this year's (typed into the form) both re-run identically");

        using var other = await server.SignedInAsync("xa.tanlap");
        (await other.GetAsync(PortalBrowserTests.Dossier2024)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync(evaluationUrl)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync("/batches")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [GeneratedRegex("id=\"dossier-state\"[^>]*>(?:(?!</).)*?data-state=\"([a-z-]+)\"", RegexOptions.Singleline)]
    private static partial Regex DossierState();

    [GeneratedRegex("<select name=\"record\" id=\"submit-record\"><option value=\"([0-9]+)\"")]
    private static partial Regex RecordOption();

    [GeneratedRegex("<td class=\"account\">([^<]*)</td>")]
    private static partial Regex StepAccount();

    [GeneratedRegex("<td class=\"verdict\" data-verdict=\"([a-z-]+)\"")]
    private static partial Regex Verdict();
}
