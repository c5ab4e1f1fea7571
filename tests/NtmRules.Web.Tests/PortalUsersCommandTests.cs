using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NtmRules.Portal;
using NtmRules.Portal.Accounts;

namespace NtmRules.Web.Tests;

/// <summary>
/// <c>ntm users</c> end to end: the built CLI started for an add (a runtime start costs seconds), a password on
/// standard input, the accounts database it creates, its exit code. What follows goes through the same
/// <see cref="AccountDirectory"/> over the same database, opened as the command opens it; the directory's
/// refusals are checked in <see cref="AccountDirectoryTests"/>, a role ntm does not know in the CLI's
/// bad-input tests (<c>BadInputInVietnameseTests</c>); then <c>users list</c> and a refused <c>users disable</c> as processes.
/// </summary>
public sealed class PortalUsersCommandTests
{
    private static async Task<(int Exit, string Stdout, string Stderr)> UsersAsync(string input, params string[] args)
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
        await p.StandardInput.WriteLineAsync(input);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        // Awaited, not blocked on: the test runner's few threads go on with other tests meanwhile.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await p.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("ntm users did not finish in 120 s");
        }
        return (p.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Add_reads_the_password_from_standard_input_and_the_account_lists_and_disables()
    {
        var db = Path.Combine(Built.TempFolder("ntm-users"), "accounts.db");
        var admin = await UsersAsync("QuanTri2026x", "add", "quantri", "--role", "quan-tri", "--accounts", db);
        admin.Exit.Should().Be(0, admin.Stderr);
        admin.Stdout.Should().Contain("đã tạo tài khoản quantri (quản trị)");
        admin.Stdout.Should().NotContain("QuanTri2026x");
        admin.Stderr.Should().NotContain("QuanTri2026x");

        await using (var services = await AccountsDatabase.OpenAsync(db))
        {
            using var scope = services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var created = await users.FindByNameAsync("quantri");
            created.Should().NotBeNull("ntm users add wrote the account into the database named by --accounts");
            (await users.CheckPasswordAsync(created!, "QuanTri2026x")).Should().BeTrue("the password is the line read from standard input");

            var directory = scope.ServiceProvider.GetRequiredService<AccountDirectory>();
            await directory.AddAsync(new NewAccount("xa.camthanh", PortalRole.Xa, "Cẩm Thành|Thanh Hóa", null), "CamThanh2026x");
            await directory.SetDisabledAsync("xa.camthanh", true);
            (await directory.ListAsync()).Select(a => (a.Account.UserName, a.Account.Role, a.Account.Commune, a.Disabled)).Should().Equal(
                ("quantri", PortalRole.QuanTri, (string?)null, false),
                ("xa.camthanh", PortalRole.Xa, "Cẩm Thành|Thanh Hóa", true));
        }

        // What only the command shows: the listing's columns and a refusal's exit code (two processes at once).
        var listing = UsersAsync("", "list", "--accounts", db);
        var unknown = UsersAsync("", "disable", "khong.co", "--accounts", db);
        var list = await listing;
        list.Exit.Should().Be(0, list.Stderr);
        list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "quantri\tquan-tri\t-\t-\thoạt động",
            "xa.camthanh\txa\tCẩm Thành|Thanh Hóa\t-\tvô hiệu hoá");
        (await unknown).Exit.Should().Be(2, "an account that does not exist is bad input");
    }
}
