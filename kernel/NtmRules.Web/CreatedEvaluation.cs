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
    /// <summary>Room for a whole evaluation document (131 KB for Cẩm Thành) without regrowing; rented, so the pool's next size up.</summary>
    private const int DocumentCapacity = 192 * 1024;

    /// <summary>What ends the answer after the document.</summary>
    private static readonly ReadOnlyMemory<byte> ClosingBrace = "}"u8.ToArray();

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status201Created;
        http.Response.ContentType = "application/json; charset=utf-8";
        // The document written as UTF-8 bytes, not into a string first (a 131 KB evaluation was a 262 KB UTF-16
        // string), into a buffer rented from the shared pool rather than a new large array each request (issue #19).
        using var document = new PooledBuffer(DocumentCapacity);
        EvaluationJsonWriter.Write(evaluation.Result, document);
        var body = http.Response.Body;
        // Utf8JsonWriter buffers until it is flushed, so nothing is written synchronously to the body.
        await using (var w = new Utf8JsonWriter(body))
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
            await w.FlushAsync(http.RequestAborted);
        }
        // The document and the answer's closing brace go to the body as they are, not through the JSON writer: the
        // writer is ours and already produces valid JSON, and the JSON writer would copy 100+ KB into a buffer of its own.
        await body.WriteAsync(document.Written, http.RequestAborted);
        await body.WriteAsync(ClosingBrace, http.RequestAborted);
    }
}
