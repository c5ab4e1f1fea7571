using System.Text;
using System.Text.Json;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// Holds a file to the JSON standard (RFC 8259) where Newtonsoft's reader is lenient: comments,
/// trailing commas, single-quoted strings and the bare words NaN and Infinity are refused with
/// their line, column and field. Data files are exchanged between offices and programs; what one
/// reader silently accepts another refuses, so the format is plain JSON everywhere.
/// </summary>
internal static class StrictJson
{
    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;
        public int Index { get; set; } = -1;
        public string? Name { get; set; }
    }

    /// <summary>The first departure from strict JSON in <paramref name="utf8"/> (UTF-8, no BOM), or null.</summary>
    public static Problem? Check(ReadOnlySpan<byte> utf8, string displayPath)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = 64 });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read()) Track(ref reader, frames);
            return null;
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var lineStart = LineStart(utf8, line);
            var bytePos = (int)Math.Min(e.BytePositionInLine ?? 0, utf8.Length - lineStart);
            var column = Encoding.UTF8.GetCharCount(utf8.Slice(lineStart, bytePos)) + 1;
            var path = string.Concat(frames.Select((f, n) => f.IsArray ? (f.Index >= 0 ? $"[{f.Index}]" : "") : f.Name is null ? "" : (n == 0 ? "" : ".") + f.Name));
            return new Problem(Severity.Error, Explain(utf8, lineStart + bytePos, e.Message), displayPath, line + 1, column, path.Length == 0 ? null : path);
        }
    }

    private static void Track(ref Utf8JsonReader reader, List<Frame> frames)
    {
        var top = frames.Count > 0 ? frames[^1] : null;
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                top!.Name = reader.GetString();
                return;
            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                frames.RemoveAt(frames.Count - 1);
                return;
        }
        if (top is { IsArray: true }) top.Index++;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
    }

    private static int LineStart(ReadOnlySpan<byte> utf8, int line)
    {
        var start = 0;
        for (var n = 0; n < line; n++)
        {
            var next = utf8[start..].IndexOf((byte)'\n');
            if (next < 0) break;
            start += next + 1;
        }
        return start;
    }

    /// <summary>Says in words what the byte at <paramref name="at"/> is doing there.</summary>
    private static string Explain(ReadOnlySpan<byte> utf8, int at, string message)
    {
        var c = at < utf8.Length ? (char)utf8[at] : '\0';
        var before = at - 1;
        while (before >= 0 && utf8[before] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') before--;
        if (c == '/') return LoadingMessages.JsonComment;
        if (c == '\'') return LoadingMessages.JsonSingleQuote;
        if (c is '}' or ']' && before >= 0 && utf8[before] == ',') return MessageText.Format(LoadingMessages.JsonTrailingComma, c);
        if (c is 'N' or 'I' || (c == '-' && at + 1 < utf8.Length && utf8[at + 1] == 'I'))
            return LoadingMessages.JsonNaN;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return MessageText.Format(LoadingMessages.MalformedJson, (cut > 0 ? message[..cut] : message).TrimEnd('.', ' '));
    }
}
