using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// Reads a JSON file into Newtonsoft tokens that remember their line and column, so every later
/// problem can point at the place in the file. Refuses encodings other than UTF-8.
/// </summary>
internal static class JsonDocumentReader
{
    /// <summary>Parses <paramref name="path"/>; a syntax error becomes a problem with its position.</summary>
    /// <param name="path">File to read.</param>
    /// <param name="displayPath">How to name the file in messages (as the user typed it).</param>
    /// <param name="problems">Where to add the problem when the file cannot be read.</param>
    public static JToken? Load(string path, string displayPath, List<Problem> problems)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new Problem(Severity.Error, MessageText.Format(LoadingMessages.CannotReadFile, e.Message), displayPath));
            return null;
        }
        return Parse(bytes, displayPath, problems);
    }

    /// <summary>Whether <paramref name="bytes"/> hold only JSON whitespace (or nothing).</summary>
    private static bool IsBlank(byte[] bytes)
    {
        // A loop, not bytes.All(…): LINQ over bytes is JIT-compiled on every cold start.
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        }
        return true;
    }

    /// <summary>Parses bytes that should hold UTF-8 JSON.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="displayPath">How to name the file in messages.</param>
    /// <param name="problems">Where the problem goes when the bytes are not readable JSON.</param>
    /// <param name="strict">Refuse what plain JSON does not allow (comments, trailing commas, single quotes, NaN); see <see cref="StrictJson"/>.</param>
    public static JToken? Parse(byte[] bytes, string displayPath, List<Problem> problems, bool strict = false)
    {
        if (IsBlank(bytes))
        {
            problems.Add(new Problem(Severity.Error, LoadingMessages.FileEmpty, displayPath));
            return null;
        }
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            problems.Add(new Problem(Severity.Error, LoadingMessages.FileUtf16, displayPath));
            return null;
        }
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            problems.Add(new Problem(Severity.Error, LoadingMessages.FileNotUtf8, displayPath));
            return null;
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];

        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
        try
        {
            var token = JToken.ReadFrom(reader, new JsonLoadSettings
            {
                LineInfoHandling = LineInfoHandling.Load,
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
                CommentHandling = CommentHandling.Ignore,
            });
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    problems.Add(new Problem(Severity.Error, LoadingMessages.ContentAfterJson, displayPath, reader.LineNumber, reader.LinePosition));
                    return null;
                }
            }
            if (strict && StrictJson.Check(bytes.AsSpan(bytes.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0), displayPath) is { } departure)
            {
                problems.Add(departure);
                return null;
            }
            return token;
        }
        catch (JsonReaderException e)
        {
            problems.Add(new Problem(Severity.Error, MessageText.Format(LoadingMessages.MalformedJson, StripPosition(e.Message)), displayPath, e.LineNumber == 0 ? null : e.LineNumber, e.LinePosition == 0 ? null : e.LinePosition, string.IsNullOrEmpty(e.Path) ? null : e.Path));
            return null;
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Newtonsoft appends "Path 'x', line 3, position 4." which the problem already carries.</summary>
    private static string StripPosition(string message)
    {
        var i = message.IndexOf(" Path '", StringComparison.Ordinal);
        if (i < 0) i = message.IndexOf(", line ", StringComparison.Ordinal);
        return (i > 0 ? message[..i] : message).TrimEnd('.', ' ');
    }

    /// <summary>A problem located at <paramref name="token"/>.</summary>
    public static Problem At(JToken? token, string file, string message, Severity severity = Severity.Error)
    {
        var info = token as IJsonLineInfo;
        var has = info?.HasLineInfo() == true;
        return new Problem(severity, message, file, has ? info!.LineNumber : null, has ? info!.LinePosition : null, token is null || token.Path.Length == 0 ? null : token.Path);
    }
}
