using System.Diagnostics;
using System.Text;

namespace NtmRules.Web.Tests;

/// <summary>
/// <c>ntm users</c> end to end: the built CLI, a password on standard input, the accounts database it
/// creates, exit codes. The directory's other refusals are checked in process (<see cref="AccountDirectoryTests"/>).
/// </summary>
public sealed class PortalUsersCommandTests
{
    private static (int Exit, string Stdout, string Stderr) Users(string input, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(Path.Combine(Built.CliDirectory, "ntm.dll"));
        psi.ArgumentList.Add("users");
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("NTM_ACCOUNTS");
        using var p = Process.Start(psi)!;
        p.StandardInput.WriteLine(input);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("ntm users did not finish in 120 s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Add_list_disable_and_the_refusals_with_their_reasons()
    {
        var db = Path.Combine(Built.TempFolder("ntm-users"), "accounts.db");
        var admin = Users("QuanTri2026x", "add", "quantri", "--role", "quan-tri", "--accounts", db);
        admin.Exit.Should().Be(0, admin.Stderr);
        admin.Stdout.Should().Contain("đã tạo tài khoản quantri (quản trị)");
        admin.Stdout.Should().NotContain("QuanTri2026x");

        var weak = Users("ngan", "add", "xa.camthanh", "--role", "xa", "--commune", "Cẩm Thành|Thanh Hóa", "--accounts", db);
        weak.Exit.Should().Be(2);
        weak.Stderr.Should().Contain("Mật khẩu phải có ít nhất 10 ký tự");
        var role = Users("CamThanh2026x", "add", "xa.camthanh", "--role", "admin", "--accounts", db);
        role.Exit.Should().Be(2);
        role.Stderr.Should().Contain("--role");
        Users("CamThanh2026x", "add", "xa.camthanh", "--role", "xa", "--commune", "Cẩm Thành|Thanh Hóa", "--accounts", db).Exit.Should().Be(0);

        Users("", "disable", "xa.camthanh", "--accounts", db).Exit.Should().Be(0);
        var list = Users("", "list", "--accounts", db);
        list.Exit.Should().Be(0);
        list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "quantri\tquan-tri\t-\t-\thoạt động",
            "xa.camthanh\txa\tCẩm Thành|Thanh Hóa\t-\tvô hiệu hoá");
        Users("", "disable", "khong.co", "--accounts", db).Exit.Should().Be(2);
    }
}
