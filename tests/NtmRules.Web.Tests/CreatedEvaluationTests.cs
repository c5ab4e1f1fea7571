using System.Net;
using System.Text.Json.Nodes;

namespace NtmRules.Web.Tests;

/// <summary>
/// <c>POST /api/evaluations</c> writes the <c>ntm.evaluation/1</c> document into its answer as the
/// kernel's writer wrote it (no parse and re-write): the answer must still be one JSON document whose
/// <c>evaluation</c> is the document <c>GET /api/evaluations/{id}</c> serves, beside the envelope's fields.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CreatedEvaluationTests(WebServer server)
{
    [Fact]
    public async Task The_created_answer_holds_the_same_evaluation_document_as_its_get_and_the_envelope_fields()
    {
        var bytes = File.ReadAllBytes(Built.Sample("cam-thanh-2023.json"));
        using var response = await server.Client.PostAsync("/api/evaluations", WebServer.Form("cam-thanh-2023.json", bytes, [("set", "vn.qd318.xa-ntm")]));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        response.Content.Headers.ContentType!.ToString().Should().Be("application/json; charset=utf-8");

        var created = JsonNode.Parse(body)!.AsObject();
        var id = (string)created["id"]!;
        ((string)created["summary"]!).Should().NotBeNullOrEmpty();
        ((bool)created["dataErrors"]!).Should().BeFalse();
        ((bool)created["expressionErrors"]!).Should().BeFalse();
        created["record"].Should().BeNull("nothing was asked to be saved");
        ((string)created["links"]!["trace"]!).Should().Be($"/api/evaluations/{id}/trace");

        var served = JsonNode.Parse(await server.Client.GetStringAsync($"/api/evaluations/{id}"))!;
        JsonNode.DeepEquals(created["evaluation"], served).Should().BeTrue("the answer carries the document GET serves");
        ((string)created["evaluation"]!["format"]!).Should().Be("ntm.evaluation/1");
    }
}
