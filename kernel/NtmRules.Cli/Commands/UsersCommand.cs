using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Portal;
using NtmRules.Portal.Accounts;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm users add|list|disable|enable</c>: the accounts of the province portal (<c>ntm serve --portal</c>),
/// through the same <see cref="AccountDirectory"/> as the administrator's page. A password is read
/// from standard input (one line; typed without echo at a terminal), never from the command line.
/// </summary>
internal static class UsersCommand
{
    public static Option<string?> AccountsOption() => new("--accounts")
    {
        Description = $"Accounts database: a SQLite file, or a PostgreSQL connection string \"Host=…;Database=…;Username=…\" (default: $NTM_ACCOUNTS, else {AccountsDatabase.DefaultLocation()})",
    };

    public static Command Create()
    {
        var accounts = AccountsOption();
        return new Command("users", "Quản lý tài khoản của cổng thông tin tỉnh (ntm serve --portal)")
        {
            Add(accounts), List(accounts), SetDisabled(accounts, true), SetDisabled(accounts, false),
        };
    }

    private static Command Add(Option<string?> accounts)
    {
        var name = new Argument<string>("name") { Description = "Account name (letters without accents, digits, . _ - @)" };
        var role = new Option<string>("--role") { Description = "xa | tinh | kiem-toan | quan-tri", Required = true };
        var commune = new Option<string?>("--commune") { Description = "For role xa: the commune's code, or \"Tên xã|Tỉnh\" when its data has no code" };
        var province = new Option<string?>("--province") { Description = "For role tinh (required): the province; optional for xa" };
        var command = new Command("add", "Tạo tài khoản (mật khẩu đọc từ đầu vào chuẩn)") { name, role, commune, province, accounts };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            if (!PortalRoles.TryParse(parse.GetValue(role), out var r))
                throw new InputException(new Problem(Severity.Error, $"\"{parse.GetValue(role)}\" is not a role: use xa, tinh, kiem-toan or quan-tri", Field: "--role"));
            var password = ReadPassword();
            await using var services = await AccountsDatabase.OpenAsync(AccountsDatabase.Resolve(parse.GetValue(accounts)), cancel);
            using var scope = services.CreateScope();
            var added = await Run(() => scope.ServiceProvider.GetRequiredService<AccountDirectory>()
                .AddAsync(new NewAccount(parse.GetValue(name)!, r, parse.GetValue(commune), parse.GetValue(province)), password));
            Console.WriteLine($"đã tạo tài khoản {added}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(Option<string?> accounts)
    {
        var command = new Command("list", "Liệt kê tài khoản (tên, vai trò, xã, tỉnh, trạng thái)") { accounts };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            await using var services = await AccountsDatabase.OpenAsync(AccountsDatabase.Resolve(parse.GetValue(accounts)), cancel);
            using var scope = services.CreateScope();
            var all = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().ListAsync(cancel);
            if (all.Count == 0) Console.WriteLine("chưa có tài khoản nào (tạo quản trị viên đầu tiên: ntm users add TÊN --role quan-tri)");
            foreach (var a in all)
                Console.WriteLine($"{a.Account.UserName}\t{a.Account.Role.Key()}\t{a.Account.Commune ?? "-"}\t{a.Account.Province ?? "-"}\t{(a.Disabled ? "vô hiệu hoá" : a.LockedUntil is not null ? "tạm khoá" : "hoạt động")}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command SetDisabled(Option<string?> accounts, bool disabled)
    {
        var name = new Argument<string>("name") { Description = "Account name" };
        var command = disabled
            ? new Command("disable", "Vô hiệu hoá một tài khoản (không đăng nhập được nữa; bản ghi của nó vẫn giữ)") { name, accounts }
            : new Command("enable", "Cho một tài khoản đã vô hiệu hoá hoạt động lại") { name, accounts };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            await using var services = await AccountsDatabase.OpenAsync(AccountsDatabase.Resolve(parse.GetValue(accounts)), cancel);
            using var scope = services.CreateScope();
            await Run(async () =>
            {
                await scope.ServiceProvider.GetRequiredService<AccountDirectory>().SetDisabledAsync(parse.GetValue(name)!, disabled);
                return true;
            });
            Console.WriteLine(disabled ? $"đã vô hiệu hoá {parse.GetValue(name)}" : $"{parse.GetValue(name)} hoạt động lại");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<T> Run<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (AccountException e)
        {
            throw new InputException(e.Messages.Select(m => new Problem(Severity.Error, m)).ToArray());
        }
    }

    private static string ReadPassword()
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine() ?? "";
        Console.Error.Write("Mật khẩu: ");
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && typed.Length > 0) typed.Length--;
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return typed.ToString();
    }
}
