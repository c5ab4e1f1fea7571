using Microsoft.AspNetCore.Http;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Records;
using NtmRules.Web.Localization;

namespace NtmRules.Web;

/// <summary>How the kernel's failures become HTTP answers: the same problems the CLI prints, with a status for its exit code.</summary>
public static class ProblemJson
{
    /// <summary>The status for a kernel failure: bad input 400 (exit 2), unknown record 404, plugin problem 422 (exit 3), store problem 503 (exit 4).</summary>
    public static int StatusOf(NtmException e) => e switch
    {
        RecordNotFoundException => StatusCodes.Status404NotFound,
        InputException => StatusCodes.Status400BadRequest,
        PluginException => StatusCodes.Status422UnprocessableEntity,
        StoreException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The title of a failure, in the request's language (Vietnamese unless an API request asks for English).</summary>
    public static string TitleOf(NtmException e) => e switch
    {
        RecordNotFoundException => WebMessages.TitleRecordNotFound,
        InputException => WebMessages.TitleBadInput,
        PluginException => WebMessages.TitlePluginProblem,
        StoreException => WebMessages.TitleStoreProblem,
        _ => WebMessages.TitleError,
    };

    /// <summary>An RFC 9457 problem document with the kernel's problems (<see cref="ProblemSerializer"/>: file, line, column, field, and the CLI's one-line text).</summary>
    public static IResult Of(NtmException e) => Result(StatusOf(e), TitleOf(e), e.Problems);

    /// <summary>A problem document for a refused upload (413, 415, 400).</summary>
    public static IResult Of(UploadException e) => Result(e.Status, e.Message, []);

    /// <summary>A problem document.</summary>
    public static IResult Result(int status, string title, IEnumerable<Problem> problems) => Results.Json(new
    {
        type = "about:blank",
        title,
        status,
        problems = ProblemSerializer.ToJson(problems),
    }, statusCode: status, contentType: "application/problem+json; charset=utf-8");
}
