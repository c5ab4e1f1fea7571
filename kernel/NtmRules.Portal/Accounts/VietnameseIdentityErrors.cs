using NtmRules.Kernel.Localization;
using NtmRules.Portal.Localization;
using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace NtmRules.Portal.Accounts;

/// <summary>Identity's messages in Vietnamese (the password rules and names a person can get wrong); the codes stay Identity's.</summary>
public sealed class VietnameseIdentityErrors : IdentityErrorDescriber
{
    private static IdentityError E(string code, string text) => new() { Code = code, Description = text };

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), MessageText.Format(PortalMessages.PasswordTooShort, N(length)));

    /// <inheritdoc />
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), PortalMessages.PasswordRequiresDigit);

    /// <inheritdoc />
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), PortalMessages.PasswordRequiresLower);

    /// <inheritdoc />
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), PortalMessages.PasswordRequiresUpper);

    /// <inheritdoc />
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), PortalMessages.PasswordRequiresNonAlphanumeric);

    /// <inheritdoc />
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), MessageText.Format(PortalMessages.PasswordRequiresUniqueChars, N(uniqueChars)));

    /// <inheritdoc />
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), MessageText.Format(PortalMessages.DuplicateUserName, userName));

    /// <inheritdoc />
    public override IdentityError InvalidUserName(string? userName) =>
        E(nameof(InvalidUserName), MessageText.Format(PortalMessages.InvalidUserName, userName));
}
