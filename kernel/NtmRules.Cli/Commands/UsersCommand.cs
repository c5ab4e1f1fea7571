using NtmRules.Kernel.Localization;
using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Portal;
using NtmRules.Portal.Accounts;
using NtmRules.Cli.Localization;

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
        Description = MessageText.Format(ServeMessages.AccountsDescription, AccountsDatabase.DefaultLocation()),
    };

    public static Command Create()
    {
        var accounts = AccountsOption();
        return new Command("users", ServeMessages.UsersDescription)
        {
            Add(accounts), List(accounts), SetDisabled(accounts, true), SetDisabled(accounts, false),
        };
    }

    private static Command Add(Option<string?> accounts)
    {
        var name = new Argument<string>("name") { Description = ServeMessages.UserNameDescription };
        var role = new Option<string>("--role") { Description = ServeMessages.RoleDescription, Required = true };
        var commune = new Option<string?>("--commune") { Description = ServeMessages.UserCommuneDescription };
        var province = new Option<string?>("--province") { Description = ServeMessages.UserProvinceDescription };
        var command = new Command("add", ServeMessages.UsersAddDescription) { name, role, commune, province, accounts };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            if (!PortalRoles.TryParse(parse.GetValue(role), out var r))
                throw new InputException(new Problem(Severity.Error, MessageText.Format(ServeMessages.NotARole, parse.GetValue(role)), Field: "--role"));
            var password = ReadPassword();
            await using var services = await AccountsDatabase.OpenAsync(AccountsDatabase.Resolve(parse.GetValue(accounts)), cancel);
            using var scope = services.CreateScope();
            var added = await Run(() => scope.ServiceProvider.GetRequiredService<AccountDirectory>()
                .AddAsync(new NewAccount(parse.GetValue(name)!, r, parse.GetValue(commune), parse.GetValue(province)), password));
            Console.WriteLine(MessageText.Format(ServeMessages.AccountCreated, added));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(Option<string?> accounts)
    {
        var command = new Command("list", ServeMessages.UsersListDescription) { accounts };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            await using var services = await AccountsDatabase.OpenAsync(AccountsDatabase.Resolve(parse.GetValue(accounts)), cancel);
            using var scope = services.CreateScope();
            var all = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().ListAsync(cancel);
            if (all.Count == 0) Console.WriteLine(ServeMessages.NoAccounts);
            foreach (var a in all)
                Console.WriteLine($"{a.Account.UserName}\t{a.Account.Role.Key()}\t{a.Account.Commune ?? "-"}\t{a.Account.Province ?? "-"}\t{(a.Disabled ? ServeMessages.AccountDisabledState : a.LockedUntil is not null ? ServeMessages.AccountLockedState : ServeMessages.AccountActiveState)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command SetDisabled(Option<string?> accounts, bool disabled)
    {
        var name = new Argument<string>("name") { Description = ServeMessages.AccountNameDescription };
        var command = disabled
            ? new Command("disable", ServeMessages.UsersDisableDescription) { name, accounts }
            : new Command("enable", ServeMessages.UsersEnableDescription) { name, accounts };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            await using var services = await AccountsDatabase.OpenAsync(AccountsDatabase.Resolve(parse.GetValue(accounts)), cancel);
            using var scope = services.CreateScope();
            await Run(async () =>
            {
                await scope.ServiceProvider.GetRequiredService<AccountDirectory>().SetDisabledAsync(parse.GetValue(name)!, disabled);
                return true;
            });
            Console.WriteLine(MessageText.Format(disabled ? ServeMessages.AccountDisabled : ServeMessages.AccountEnabled, parse.GetValue(name)));
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
        Console.Error.Write(ServeMessages.PasswordPrompt);
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
