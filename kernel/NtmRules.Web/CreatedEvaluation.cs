using System.Buffers;
using System.Text.Json;
using NtmRules.Kernel.Output;
using Microsoft.AspNetCore.Http;

namespace NtmRules.Web;

/// <summary>
/// The answer of <c>POST /api/evaluations</c>: id, summary, flags, record and links, and under
/// <c>evaluation</c> the <c>ntm.evaluation/1</c> document. That document is written into the answer
/// as <see cref="NtmRules.Kernel.Output.EvaluationJsonWriter"/> wrote it; parsing it into a
/// <c>JsonNode</c> only to write it again cost more than the evaluation itself (issue #19).
/// </summary>
internal sealed class CreatedEvaluation(WebEvaluation evaluation, long? record) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status201Created;
        http.Response.ContentType = "application/json; charset=utf-8";
        // The answer goes into the response's pipe as it is written: the pipe's pooled blocks hold it until the flush,
        // so no document-sized buffer is rented and nothing is copied a second time (issue #19).
        var body = http.Response.BodyWriter;
        using (var w = new Utf8JsonWriter(body))
        {
            var r = evaluation.Result;
            w.WriteStartObject();
            w.WriteString("id", evaluation.Id);
            w.WriteString("summary", r.Summary.ToString());
            w.WriteBoolean("dataErrors", r.HasDataErrors);
            w.WriteBoolean("expressionErrors", r.HasExpressionErrors);
            if (record is { } id) w.WriteNumber("record", id);
            else w.WriteNull("record");
            w.WriteStartObject("links");
            w.WriteString("self", $"/api/evaluations/{evaluation.Id}");
            w.WriteString("trace", $"/api/evaluations/{evaluation.Id}/trace");
            w.WriteString("page", $"/evaluations/{evaluation.Id}");
            w.WriteEndObject();
            w.WritePropertyName("evaluation");
            // Into the pipe's memory only: a writer over a buffer writer does no I/O.
            w.Flush();
        }
        // The document and the answer's closing brace go in as they are, not through the JSON writer: the document
        // is valid JSON already, and the JSON writer would copy 100+ KB into a buffer of its own.
        EvaluationJsonWriter.Write(evaluation.Result, body);
        body.Write("}"u8);
        await body.FlushAsync(http.RequestAborted);
    }
}
