using NtmRules.Kernel.Localization;
using System.Text;
using NtmRules.Intake.Localization;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Intake.Readers;

/// <summary>
/// Text files are UTF-8, with or without a byte order mark. Anything else (UTF-16 from "Unicode
/// text", Windows-1258 or TCVN3 from old tools) is refused with a message saying how to re-save,
/// rather than read as garbled names.
/// </summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of <paramref name="bytes"/>, without BOM. Throws <see cref="InputException"/> when not UTF-8.</summary>
    public static string Utf8(byte[] bytes, string displayPath)
    {
        if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
            throw Refuse(displayPath, IntakeMessages.FileUtf16);
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return Strict.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? e.Index + start : -1;
            var line = at < 0 ? (int?)null : 1 + bytes.AsSpan(0, Math.Min(at, bytes.Length)).Count((byte)'\n');
            throw new InputException(new Problem(Severity.Error,
                at >= 0 ? MessageText.Format(IntakeMessages.FileNotUtf8At, IntakeMessages.FileNotUtf8, MessageText.Count(at)) : IntakeMessages.FileNotUtf8,
                displayPath, line));
        }
    }

    private static InputException Refuse(string file, string message) => new(new Problem(Severity.Error, message, file));
}
