using NtmRules.Intake.Readers;
using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Tests.Intake;

/// <summary>Temporary files and full reads for the intake tests.</summary>
internal static class IntakeKit
{
    public static CriteriaSet Set => NationalSet.Compiled.Set;

    public static string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ntm-intake-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Every row of the file, fully read; file-level failures come out as the <see cref="Kernel.Diagnostics.InputException"/>.</summary>
    public static List<IntakeRow> ReadAll(string path, List<IntakeProblem>? warnings = null) =>
        CommuneFileReader.Read(path, Path.GetFileName(path), Set, warnings ?? []).ToList();
}
