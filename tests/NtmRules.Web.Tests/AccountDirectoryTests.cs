using Microsoft.Extensions.DependencyInjection;
using NtmRules.Portal;
using NtmRules.Portal.Accounts;
using NtmRules.Tests.Shared;

namespace NtmRules.Web.Tests;

/// <summary>
/// The account directory's refusals, in process (<see cref="PortalUsersCommandTests"/> starts <c>ntm users</c>
/// once, for what only the command shows: a password read from standard input, its exit code and message).
/// Every call here is refused, so the shared portal's accounts stay as they were.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AccountDirectoryTests(PortalServer server)
{
    private async Task<string> RefusalAsync(Func<AccountDirectory, Task> act)
    {
        using var scope = server.App.Services.CreateScope();
        var directory = scope.ServiceProvider.GetRequiredService<AccountDirectory>();
        var refused = await FluentActions.Awaiting(() => act(directory)).Should().ThrowAsync<AccountException>();
        return refused.Which.Message;
    }

    [Fact]
    public async Task A_commune_account_without_its_commune_a_taken_name_a_short_password_and_an_unknown_account_are_refused_saying_why()
    {
        // What ntm users prints by default: the Vietnamese texts.
        using var _ = TestCulture.Use("vi");
        (await RefusalAsync(d => d.AddAsync(new NewAccount("xa.moi", PortalRole.Xa, null, null), "CamThanh2026x")))
            .Should().Contain("phải gắn với một xã");
        (await RefusalAsync(d => d.AddAsync(new NewAccount("xa.camthanh", PortalRole.Xa, PortalServer.CamThanh, "Thanh Hóa"), "CamThanh2026x")))
            .Should().Contain("Đã có tài khoản tên \"xa.camthanh\"");
        (await RefusalAsync(d => d.AddAsync(new NewAccount("xa.khac", PortalRole.Xa, PortalServer.CamThanh, "Thanh Hóa"), "ngan")))
            .Should().Contain("Mật khẩu phải có ít nhất 10 ký tự");
        (await RefusalAsync(d => d.SetDisabledAsync("khong.co", true)))
            .Should().Contain("Không có tài khoản \"khong.co\"");
    }
}
