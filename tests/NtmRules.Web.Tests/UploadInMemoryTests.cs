using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Records;

namespace NtmRules.Web.Tests;

/// <summary>
/// Small <c>.json</c> and <c>.csv</c> uploads for a named set are evaluated from memory, without being
/// stored and read back (issue #19): the evaluation, its problems and its record's bytes must be exactly
/// those of the same file read from disk, and larger uploads still take the stored path.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class UploadInMemoryTests(WebServer server)
{
    private const string Set = "vn.qd318.xa-ntm";

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static IFormFile Upload(string name, byte[] bytes) => new FormFile(new MemoryStream(bytes), 0, bytes.Length, "file", name);

    private string[] Stored() => Directory.GetFiles(server.Workspace.UploadsFolder);

    [Fact]
    public async Task A_saved_small_upload_keeps_its_exact_bytes_in_the_record_and_leaves_no_file()
    {
        var bytes = File.ReadAllBytes(Built.Sample("cam-thanh-2023.json"));
        bytes.Length.Should().BeLessThan(Uploads.InMemoryBytes);
        var before = Stored();
        using var response = await server.Client.PostAsync("/api/evaluations", WebServer.Form("cam-thanh-2023.json", bytes, [("set", Set), ("save", "true")]));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);

        var created = JsonNode.Parse(body)!;
        var e = server.Workspace.Evaluations.Get((string)created["id"]!)!;
        e.DataPath.Should().BeNull("a small upload is evaluated from memory");
        Stored().Should().BeEquivalentTo(before);
        using var store = RecordStore.Open(server.StorePath, create: false);
        store.Get((long)created["record"]!).DataBytes.Should().Equal(bytes);
    }

    [Theory]
    [InlineData("name;region;year;tongSoHo;hoNgheo\r\nXã Một;BTB;2023;1784;71\r\n", true)]
    [InlineData("name,region,year,tongSoHo,cotLa\nXã Một,BTB,2023,1784,x\n", false)]
    [InlineData("name;region;year;tongSoHo;hoNgheo\nXã Một;BTB;2023;\"1.784,5,2\";71\n", false)]
    [InlineData("name,region,year\nXã Một,BTB,2023\nXã Hai,BTB,2023\n", false)]
    public async Task A_csv_read_from_memory_gives_what_the_same_file_gives_from_disk(string csv, bool bom)
    {
        var bytes = bom ? [.. Bom, .. Encoding.UTF8.GetBytes(csv)] : Encoding.UTF8.GetBytes(csv);
        var path = server.Workspace.NewUploadPath(".csv");
        await File.WriteAllBytesAsync(path, bytes);
        var fromDisk = await Outcome(() => server.Workspace.EvaluateAsync(Set, new UploadedFile(path, "xa.csv"), CancellationToken.None));
        var fromMemory = await Outcome(() => server.Workspace.EvaluateAsync(Set, Upload("xa.csv", bytes), CancellationToken.None));

        fromMemory.Should().Be(fromDisk);
    }

    [Fact]
    public async Task An_upload_over_the_in_memory_size_is_stored_and_evaluated_from_its_file()
    {
        var sample = File.ReadAllBytes(Built.Sample("cam-thanh-2023.json"));
        var padded = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(sample).TrimEnd() + new string(' ', Uploads.InMemoryBytes) + "\n");
        var fromFile = await server.Workspace.EvaluateAsync(Set, Upload("lon.json", padded), CancellationToken.None);
        fromFile.DataPath.Should().NotBeNull();
        File.ReadAllBytes(fromFile.DataPath!).Should().Equal(padded);
        var fromMemory = await server.Workspace.EvaluateAsync(Set, Upload("lon.json", sample), CancellationToken.None);
        fromMemory.Result.Summary.Should().Be(fromFile.Result.Summary);
    }

    [Fact]
    public async Task Refusals_come_before_the_upload_is_read_whichever_path_it_takes()
    {
        var w = server.Workspace;
        var tooLarge = await Refusal(() => w.EvaluateAsync(Set, Upload("xa.csv", new byte[WebServer.MaxUploadBytes + 1]), CancellationToken.None));
        tooLarge.Should().Be((413, Uploads.TooLarge(WebServer.MaxUploadBytes)));
        (await Refusal(() => w.EvaluateAsync(Set, Upload("xa.csv", []), CancellationToken.None))).Status.Should().Be(400);
        (await Refusal(() => w.EvaluateAsync(Set, Upload("xa.exe", [0x4d, 0x5a]), CancellationToken.None))).Status.Should().Be(415);
    }

    /// <summary>The evaluation document, or every problem of the refusal, as text.</summary>
    private static async Task<string> Outcome(Func<Task<WebEvaluation>> evaluate)
    {
        try
        {
            var e = await evaluate();
            return PageEndpoints.EvaluationJson(e);
        }
        catch (InputException x)
        {
            return "refused: " + string.Join("\n", x.Problems.Select(p => p.ToString()));
        }
    }

    private static async Task<(int Status, string Message)> Refusal(Func<Task<WebEvaluation>> evaluate)
    {
        try
        {
            await evaluate();
        }
        catch (UploadException x)
        {
            return (x.Status, x.Message);
        }
        throw new InvalidOperationException("not refused");
    }
}
