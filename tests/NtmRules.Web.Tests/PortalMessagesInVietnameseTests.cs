using NtmRules.Kernel.Diagnostics;
using NtmRules.Portal.Accounts;
using NtmRules.Tests.Shared;

namespace NtmRules.Web.Tests;

/// <summary>
/// The portal's messages for people come from its resources (#17): the one that was English is Vietnamese under
/// "vi" and today's English under "en"; the refusals and password rules, written in Vietnamese from the start, have their English too.
/// </summary>
public class PortalMessagesInVietnameseTests
{
    [Fact]
    public void An_accounts_database_given_as_a_url_is_refused_in_the_session_language()
    {
        var act = () => AccountsDatabase.Resolve("postgres://ntm@localhost/ntm");
        using (TestCulture.Use("vi"))
            act.Should().Throw<InputException>().Which.Problems.Single().Message.Should()
                .Be("cơ sở dữ liệu tài khoản nhận chuỗi kết nối Npgsql (Host=…;Database=…;Username=…;Password=…) hoặc một tệp SQLite, không nhận URL");
        using (TestCulture.Use("en"))
            act.Should().Throw<InputException>().Which.Problems.Single().Message.Should()
                .Be("the accounts database takes an Npgsql connection string (Host=…;Database=…;Username=…;Password=…) or a SQLite file, not a URL");
    }

    [Fact]
    public void Password_rules_follow_the_session_language()
    {
        var describer = new VietnameseIdentityErrors();
        using (TestCulture.Use("vi")) describer.PasswordTooShort(10).Description.Should().Be("Mật khẩu phải có ít nhất 10 ký tự.");
        using (TestCulture.Use("en")) describer.PasswordTooShort(10).Description.Should().Be("The password must have at least 10 characters.");
    }
}
