using NtmRules.Kernel.Data;
using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Readers;

/// <summary>
/// Reads a commune's data kept as bytes — a saved record's data file — with the reader its file name
/// calls for, so that a record saved from a form, a one-row table or the web page's typed figures is
/// re-evaluated exactly as it was read when saved (<c>ntm verify</c>, the web's verification page).
/// </summary>
public static class StoredDataReader
{
    /// <summary>
    /// The commune in <paramref name="bytes"/>, read as the file <paramref name="fileName"/> was when it
    /// was saved; throws <see cref="Kernel.Diagnostics.InputException"/> as <see cref="CommuneFileReader.ReadOne(string, string, CriteriaSet, List{Kernel.Diagnostics.Problem})"/> does.
    /// </summary>
    public static CommuneData ReadOne(byte[] bytes, string fileName, CriteriaSet set)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension == ".csv") return CommuneFileReader.ReadOne(bytes, fileName, set, []);
        if (extension != ".xlsx") return CommuneDataReader.Parse(bytes, fileName, []);
        // The workbook reader reads a zipped file; a private folder holds the copy for as long as it is read.
        var folder = Directory.CreateTempSubdirectory("ntm-record-");
        try
        {
            var path = Path.Combine(folder.FullName, "data" + extension);
            File.WriteAllBytes(path, bytes);
            return CommuneFileReader.ReadOne(path, fileName, set, []);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
