namespace NtmRules.Cli.Tests;

/// <summary>
/// A record keeps the texts for people of the session that saved it; verifying it in the other language
/// re-runs it in the language that reproduces it, so that it is still "identical".
/// </summary>
public class RecordLanguageTests
{
    [Theory]
    [InlineData("vi", "en", "record 1 (Cẩm Thành 2023, vn.qd318.xa-ntm): identical")]
    [InlineData("en", "vi", "bản ghi 1 (Cẩm Thành 2023, vn.qd318.xa-ntm): trùng khớp")]
    public void A_record_saved_in_one_language_verifies_in_the_other(string savedIn, string verifiedIn, string verdict)
    {
        var store = Path.Combine(Path.GetTempPath(), "ntm-lang-" + Guid.NewGuid().ToString("N")[..12], "records.db");
        try
        {
            var save = Cli.Run("evaluate", "--set", "vn.qd318.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"), "--save", "--store", store, "--lang", savedIn);
            save.ExitCode.Should().Be(0, save.ToString());
            var verify = Cli.Run("verify", "1", "--store", store, "--lang", verifiedIn);
            verify.ExitCode.Should().Be(0, verify.ToString());
            verify.Stdout.Should().Contain(verdict);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(store)!, recursive: true);
        }
    }
}
