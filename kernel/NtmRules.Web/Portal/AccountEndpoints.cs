using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NtmRules.Portal;
using NtmRules.Portal.Accounts;
using static NtmRules.Web.Html;

namespace NtmRules.Web.Portal;

/// <summary>The administrator's page: the accounts, a form to add one, disabling and enabling (the same <see cref="AccountDirectory"/> as <c>ntm users</c>).</summary>
internal static class AccountEndpoints
{
    public static void Map(WebApplication app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/quan-tri/tai-khoan", async (AccountDirectory accounts, CancellationToken cancel) =>
            SignInEndpoints.Page(AccountsPage(await accounts.ListAsync(cancel), Markup.Empty)));

        pages.MapPost("/quan-tri/tai-khoan", async (HttpContext context, AccountDirectory accounts, CancellationToken cancel) =>
        {
            var form = await context.Request.ReadFormAsync(cancel);
            string Field(string name) => form[name].ToString();
            if (!PortalRoles.TryParse(Field("role"), out var role))
                return SignInEndpoints.Page(AccountsPage(await accounts.ListAsync(cancel), Problems(["Chọn một vai trò."])), 400);
            try
            {
                var added = await accounts.AddAsync(new NewAccount(Field("userName"), role, Field("commune"), Field("province")), Field("password"));
                return SignInEndpoints.Page(AccountsPage(await accounts.ListAsync(cancel),
                    H($"""<section class="card notice" id="account-added"><p>Đã tạo tài khoản {added.ToString()}.</p></section>""")), 201);
            }
            catch (AccountException e)
            {
                return SignInEndpoints.Page(AccountsPage(await accounts.ListAsync(cancel), Problems(e.Messages)), 400);
            }
        });

        pages.MapPost("/quan-tri/tai-khoan/{name}/khoa", (AccountDirectory accounts, string name) => SetDisabled(accounts, name, true));
        pages.MapPost("/quan-tri/tai-khoan/{name}/mo-khoa", (AccountDirectory accounts, string name) => SetDisabled(accounts, name, false));
    }

    private static async Task<IResult> SetDisabled(AccountDirectory accounts, string name, bool disabled)
    {
        try
        {
            await accounts.SetDisabledAsync(name, disabled);
            return Results.Redirect("/quan-tri/tai-khoan");
        }
        catch (AccountException e)
        {
            return SignInEndpoints.Page(Pages.Error("Không tìm thấy", Problems(e.Messages)), 404);
        }
    }

    private static Markup Problems(IEnumerable<string> messages) =>
        H($"""<section class="errors" role="alert"><ul>{Join(messages.Select(m => H($"<li>{m}</li>")))}</ul></section>""");

    private static string AccountsPage(IReadOnlyList<AccountEntry> accounts, Markup notice)
    {
        var rows = Join(accounts.Select(a => H($"""
            <tr data-account="{a.Account.UserName}"><td>{a.Account.UserName}</td><td>{a.Account.Role.Key()} — {a.Account.Role.Label()}</td>
            <td>{a.Account.Commune ?? ""}</td><td>{a.Account.Province ?? ""}</td>
            <td>{(a.Disabled ? "đã vô hiệu hoá" : a.LockedUntil is { } t ? "tạm khoá đến " + t.ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) + " (UTC)" : "hoạt động")}</td>
            <td><form method="post" action="/quan-tri/tai-khoan/{Segment(a.Account.UserName)}/{(a.Disabled ? "mo-khoa" : "khoa")}" class="inline"><button type="submit">{(a.Disabled ? "Cho hoạt động lại" : "Vô hiệu hoá")}</button></form></td></tr>
            """)));
        var roles = Join(PortalRoles.All.Select(r => H($"""<option value="{r.Key()}">{r.Key()} — {r.Label()}</option>""")));
        return Pages.Layout("Tài khoản", H($"""
            <h1>Tài khoản cổng thông tin</h1>
            {notice}
            <section class="card"><table id="accounts"><thead><tr><th>Tài khoản</th><th>Vai trò</th><th>Xã</th><th>Tỉnh</th><th>Trạng thái</th><th></th></tr></thead>
            <tbody>{rows}</tbody></table></section>
            <section class="card"><h2>Thêm tài khoản</h2><form method="post" action="/quan-tri/tai-khoan">
            <label>Tên tài khoản <input name="userName" id="new-userName" required></label>
            <label>Mật khẩu ban đầu <input name="password" id="new-password" type="password" autocomplete="new-password" required></label>
            <label>Vai trò <select name="role" id="new-role">{roles}</select></label>
            <label>Xã (chỉ với vai trò xa: mã xã, hoặc “Tên xã|Tỉnh”) <input name="commune" id="new-commune"></label>
            <label>Tỉnh (bắt buộc với vai trò tinh) <input name="province" id="new-province"></label>
            <p><button type="submit" id="add-account">Tạo tài khoản</button></p>
            <p>Mật khẩu: ít nhất {AccountsDatabase.MinimumPasswordLength} ký tự, có chữ số, chữ thường và chữ hoa.</p></form></section>
            """));
    }
}
