using NtmRules.Kernel.Localization;
using System.IO.Compression;
using NtmRules.Intake.Localization;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Intake.Readers;

/// <summary>
/// How much of a workbook is read before it is refused. An XLSX file is a zip: 400 KB can hold a
/// 400 MB sheet (a decompression bomb), which read whole took 1,76 GB. The defaults fit a province
/// of 10.000 communes × 200 measures with room to spare (such a workbook is about 60 MB unzipped).
/// </summary>
/// <param name="MaxUncompressedBytes">All parts of the zip together, unzipped.</param>
/// <param name="MaxEntries">Parts in the zip.</param>
/// <param name="MaxRows">Rows of one worksheet.</param>
/// <param name="MaxCells">Cells of the whole workbook, the empty ones a row skips over included; shared strings count as cells.</param>
public sealed record XlsxLimits(long MaxUncompressedBytes, int MaxEntries, int MaxRows, long MaxCells)
{
    /// <summary>100 MB unzipped, 1.000 parts, 200.000 rows, 2.000.000 cells.</summary>
    public static XlsxLimits Default { get; } = new(100L * 1024 * 1024, 1_000, 200_000, 2_000_000);

    /// <summary>
    /// Workbooks read at once in this process. One at the default limits (2.000.000 cells) took
    /// about 170 MB above the process's own on 2026-12-01; two at a time keep a server under
    /// parallel uploads within about 0,5 GB, the others waiting their turn.
    /// </summary>
    public const int Concurrency = 2;

    /// <summary>
    /// Checks the zip before anything parses it: the declared sizes, then the real ones, inflating
    /// each part once into nothing and stopping at the first byte over the limit, so a part that
    /// lies about its size costs no more than the limit. Throws <see cref="InputException"/>.
    /// </summary>
    public void CheckArchive(Stream stream, string displayPath)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        if (zip.Entries.Count > MaxEntries) throw Refuse(displayPath, MessageText.Format(IntakeMessages.WorkbookTooManyParts, MessageText.Count(zip.Entries.Count), MessageText.Count(MaxEntries)));
        var declared = zip.Entries.Sum(e => e.Length);
        if (declared > MaxUncompressedBytes)
            throw Refuse(displayPath, MessageText.Format(IntakeMessages.WorkbookUnzipsTooLarge, Megabytes(declared), Megabytes(stream.Length), Megabytes(MaxUncompressedBytes)));
        var buffer = new byte[81_920];
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            using var part = entry.Open();
            long partBytes = 0;
            int n;
            while ((n = part.Read(buffer, 0, buffer.Length)) > 0)
            {
                partBytes += n;
                total += n;
                if (partBytes > entry.Length || total > MaxUncompressedBytes)
                    throw Refuse(displayPath, MessageText.Format(IntakeMessages.WorkbookPartTooLarge, entry.FullName, Megabytes(entry.Length), Megabytes(MaxUncompressedBytes)));
            }
        }
        stream.Position = 0;
    }

    /// <summary>The refusal for a workbook over a limit, naming the limit.</summary>
    internal static InputException Refuse(string displayPath, string why) =>
        new(new Problem(Severity.Error, MessageText.Format(IntakeMessages.WorkbookTooLarge, why), displayPath));

    private static string Megabytes(long bytes) =>
        Kernel.Formatting.VietnameseFormat.Number(bytes / (1024.0 * 1024), 1) + " MB";
}
