using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace NtmRules.Web.Portal;

/// <summary>
/// The portal's access log: one line per sign-in (succeeded or not) and per refused request, with
/// the time, the client address, the account name and the path — never a password, a cookie, a
/// token or a query string (which may carry a commune's name).
/// </summary>
public sealed class AccessLog(string path)
{
    private readonly Lock _lock = new();

    /// <summary>The log file.</summary>
    public string Path { get; } = path;

    /// <summary>A sign-in attempt and its outcome (<c>ok</c>, <c>sai-mat-khau</c>, <c>bi-khoa</c>, …).</summary>
    public void SignIn(HttpContext context, string userName, string outcome) =>
        Write(context, $"dang-nhap {outcome} tai-khoan={Clean(userName)}");

    /// <summary>A refused request with its status.</summary>
    public void Denied(HttpContext context, int status, string? userName) =>
        Write(context, $"tu-choi {status.ToString(CultureInfo.InvariantCulture)} {context.Request.Method} {Clean(context.Request.Path.Value ?? "")} tai-khoan={Clean(userName ?? "-")}");

    private void Write(HttpContext context, string what)
    {
        var line = $"{DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} {context.Connection.RemoteIpAddress} {what}\n";
        lock (_lock)
        {
            File.AppendAllText(Path, line);
        }
    }

    // A name or path typed by a client is logged on one line, bounded, without control characters (no forged log lines).
    private static string Clean(string text)
    {
        var s = new string(text.Select(c => char.IsControl(c) || c == ' ' ? '_' : c).Take(200).ToArray());
        return s.Length == 0 ? "-" : s;
    }
}
