using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using NtmRules.Portal;
using static NtmRules.Web.Html;

namespace NtmRules.Web.Portal;

/// <summary>
/// What the portal adds to every HTML page it serves: its style sheet, a bar naming the signed-in
/// account with its links and a sign-out button, and the antiforgery token in every form that
/// posts — the forms of pages written before the portal included, so no form can be forgotten.
/// </summary>
internal static partial class PortalHtml
{
    [GeneratedRegex("""<form\b[^>]*\bmethod="post"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();

    public static async Task RewriteAsync(HttpContext context, RequestDelegate next, IAntiforgery antiforgery, PortalAccount? account)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        buffer.Position = 0;
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) != true)
        {
            await buffer.CopyToAsync(original, context.RequestAborted);
            return;
        }
        var html = Encoding.UTF8.GetString(buffer.ToArray());
        html = html.Replace("</head>", "<link rel=\"stylesheet\" href=\"/portal.css\">\n</head>", StringComparison.Ordinal);
        if (account is not null) html = html.Replace("</header>", "</header>\n" + Bar(account), StringComparison.Ordinal);
        var field = H($"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""").Value;
        html = PostForm().Replace(html, m => m.Value + field);
        var bytes = Encoding.UTF8.GetBytes(html);
        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes, context.RequestAborted);
    }

    private static string Bar(PortalAccount account)
    {
        var links = new List<Markup>();
        if (account.Role != PortalRole.QuanTri) links.Add(H($"""<a href="/ho-so" id="nav-ho-so">Hồ sơ đánh giá</a>"""));
        if (account.Role is PortalRole.Tinh or PortalRole.KiemToan) links.Add(H($"""<a href="/kiem-chung" id="nav-kiem-chung">Kiểm chứng sổ bản ghi</a>"""));
        if (account.Role == PortalRole.QuanTri) links.Add(H($"""<a href="/quan-tri/tai-khoan" id="nav-tai-khoan">Tài khoản</a>"""));
        return H($"""
            <div class="portal-bar"><span id="signed-in-as" data-role="{account.Role.Key()}">{account.ToString()}</span>
            <nav>{Join(links)}</nav>
            <form method="post" action="/dang-xuat" class="inline"><button type="submit" id="sign-out">Đăng xuất</button></form></div>
            """).Value;
    }

    /// <summary>The portal's few styles (served as /portal.css: the pages allow no inline style).</summary>
    public const string Css = """
        .portal-bar { background: #ecfdf5; border-bottom: 1px solid #bbf7d0; padding: .4rem 1rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
        .portal-bar nav a { margin-right: .8rem; }
        .state { display: inline-block; padding: .1rem .5rem; border-radius: .25rem; background: #e5e7eb; }
        .state-cho-tham-dinh { background: #fef3c7; }
        .state-bi-tra-lai { background: #fee2e2; }
        .state-da-chap-nhan { background: #dcfce7; }
        textarea { width: 100%; min-height: 2.2rem; }
        table.review td { vertical-align: top; }
        .comment { background: #fff7ed; border-left: 3px solid #f97316; padding: .2rem .5rem; margin: .2rem 0; }
        .signin { max-width: 28rem; }
        .signin label { display: block; margin: .5rem 0; }
        """;
}
