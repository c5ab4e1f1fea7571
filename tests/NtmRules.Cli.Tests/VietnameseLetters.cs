namespace NtmRules.Cli.Tests;

/// <summary>
/// Finds Vietnamese words in text meant to be English: words with a letter outside ASCII (ă, đ, ơ, ạ, …). What an
/// English line may still hold in Vietnamese is data, not wording: the names a test passes (a province, a set's
/// name taken from its plugin) and ids, paths and codes (any word holding . / \ - _ : = or a digit, as
/// "318/QĐ-TTg" or "./vn.tinh-moi").
/// </summary>
internal static class VietnameseLetters
{
    /// <summary>The Vietnamese words of <paramref name="text"/> once <paramref name="dataNames"/> are taken out of it.</summary>
    public static IReadOnlyList<string> In(string text, params string[] dataNames)
    {
        foreach (var name in dataNames.OrderByDescending(n => n.Length)) text = text.Replace(name, " ", StringComparison.Ordinal);
        return text.Split([' ', '\n', '\r', '\t', ',', ';', '(', ')', '[', ']', '"', '\'', '“', '”', '—', '–', '→', '←', '│', '|'], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.TrimEnd('.', ':', '!', '?', '…'))
            .Where(word => word.IndexOfAny(['.', '/', '\\', '-', '_', ':', '=', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) < 0)
            .Where(word => word.Any(c => c > '\u007f' && char.IsLetter(c)))
            .ToList();
    }
}
