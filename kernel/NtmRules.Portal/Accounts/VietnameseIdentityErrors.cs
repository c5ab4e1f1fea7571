using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace NtmRules.Portal.Accounts;

/// <summary>Identity's messages in Vietnamese (the password rules and names a person can get wrong); the codes stay Identity's.</summary>
public sealed class VietnameseIdentityErrors : IdentityErrorDescriber
{
    private static IdentityError E(string code, string text) => new() { Code = code, Description = text };

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"Mật khẩu phải có ít nhất {N(length)} ký tự.");

    /// <inheritdoc />
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "Mật khẩu phải có ít nhất một chữ số (0–9).");

    /// <inheritdoc />
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "Mật khẩu phải có ít nhất một chữ thường (a–z).");

    /// <inheritdoc />
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "Mật khẩu phải có ít nhất một chữ hoa (A–Z).");

    /// <inheritdoc />
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "Mật khẩu phải có ít nhất một ký tự đặc biệt.");

    /// <inheritdoc />
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), $"Mật khẩu phải có ít nhất {N(uniqueChars)} ký tự khác nhau.");

    /// <inheritdoc />
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), $"Đã có tài khoản tên \"{userName}\".");

    /// <inheritdoc />
    public override IdentityError InvalidUserName(string? userName) =>
        E(nameof(InvalidUserName), $"Tên tài khoản \"{userName}\" không hợp lệ: chỉ dùng chữ không dấu, chữ số và . _ - @.");
}
