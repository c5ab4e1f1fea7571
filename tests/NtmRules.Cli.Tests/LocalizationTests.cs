using System.Collections;
using System.Globalization;
using System.Resources;
using System.Xml.Linq;

namespace NtmRules.Cli.Tests;

/// <summary>
/// Vietnamese by default, English on request: the resource files are complete in both languages, every
/// text of System.CommandLine has a Vietnamese one, and every command answers a bad command line in the
/// language asked for (<c>--lang</c>, else <c>NTM_LANG</c>, else Vietnamese).
/// </summary>
public class LocalizationTests
{
    private static readonly string Localization = Path.Combine(Cli.RepoRoot, "kernel", "NtmRules.Cli", "Localization");

    [Fact]
    public void Every_text_of_ntm_is_written_in_Vietnamese_and_in_English()
    {
        var vietnamese = ResxTexts("Texts.resx");
        var english = ResxTexts("Texts.en.resx");
        english.Keys.Should().BeEquivalentTo(vietnamese.Keys, "each text has both languages");
        vietnamese.Values.Should().NotContain(string.Empty);
        english.Values.Should().NotContain(string.Empty);
        foreach (var (key, text) in vietnamese)
        {
            Placeholders(english[key]).Should().BeEquivalentTo(Placeholders(text), $"{key} takes the same values in both languages");
        }
    }

    [Fact]
    public void Every_text_of_System_CommandLine_has_a_Vietnamese_translation_with_its_placeholders()
    {
        var library = LibraryTexts();
        var vietnamese = ResxTexts("CommandLineTexts.resx");
        library.Keys.Except(vietnamese.Keys).Should().BeEmpty("a System.CommandLine upgrade that adds a text needs its translation in CommandLineTexts.resx");
        foreach (var (key, english) in library)
        {
            Placeholders(vietnamese[key]).Should().BeEquivalentTo(Placeholders(english), key);
            if (english.Length > 3) vietnamese[key].Should().NotBe(english, $"{key} is translated");
        }
    }

    [Fact]
    public void A_parse_error_is_Vietnamese_by_default_and_English_on_request()
    {
        // The product's default, with neither --lang nor NTM_LANG (the test runner otherwise sets NTM_LANG=en).
        var vi = Cli.Run(["evaluate", "--set", "vn.qd318.xa-ntm"], Cli.ProductDefault());
        vi.ExitCode.Should().Be(2);
        vi.Stderr.Should().Be("lỗi: Thiếu tùy chọn bắt buộc '--data'.\nChạy 'ntm --help' để xem cách dùng.\n");

        var en = Cli.Run("evaluate", "--set", "vn.qd318.xa-ntm", "--lang", "en");
        en.ExitCode.Should().Be(2);
        en.Stderr.Should().Be("error: Option '--data' is required.\nRun 'ntm --help' for usage.\n");

        var fromEnvironment = Cli.Run(["evaluat"], new Dictionary<string, string?> { ["NTM_LANG"] = "en" });
        fromEnvironment.Stderr.Should().Contain("error: Unrecognized command or argument 'evaluat'.").And.NotContain("lỗi");

        var optionWins = Cli.Run(["evaluat", "--lang=vi"], new Dictionary<string, string?> { ["NTM_LANG"] = "en" });
        optionWins.Stderr.Should().Contain("lỗi: Không nhận ra lệnh hoặc tham số 'evaluat'.").And.NotContain("error");
    }

    [Fact]
    public void Both_languages_work_without_ICU_culture_data()
    {
        var invariant = new Dictionary<string, string?> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1", [Cli.LanguageVariable] = null };
        Cli.Run(["evaluat"], invariant).Stderr.Should().Contain("lỗi: Không nhận ra lệnh hoặc tham số 'evaluat'.");
        Cli.Run(["evaluat", "--lang", "en"], invariant).Stderr.Should().Contain("error: Unrecognized command or argument 'evaluat'.");
    }

    [Fact]
    public void An_unknown_language_is_refused_in_Vietnamese_naming_the_choices()
    {
        var r = Cli.Run(["plugins", "--lang", "fr"], Cli.ProductDefault());
        r.ExitCode.Should().Be(2);
        r.Stderr.Should().StartWith("lỗi: Không nhận giá trị 'fr'. Giá trị phải là một trong:");
        r.Stderr.Should().Contain("'vi'").And.Contain("'en'");
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_named_in_Vietnamese()
    {
        var r = Cli.Run(["bench", "--communes", "mười"], Cli.ProductDefault());
        r.ExitCode.Should().Be(2);
        r.Stderr.Should().StartWith("lỗi: Không đọc được giá trị 'mười' của tùy chọn '--communes' thành số nguyên.");
    }

    [Fact]
    public void Help_is_laid_out_in_the_language_asked_for()
    {
        var vi = Cli.Run(["evaluate", "--help"], Cli.ProductDefault());
        vi.Stdout.Should().StartWith("Mô tả:\n").And.Contain("\nCách dùng:\n  ntm evaluate [tùy chọn]\n")
            .And.Contain("\nTùy chọn:\n").And.Contain("--data <data> (bắt buộc)").And.Contain("[mặc định: table]")
            .And.Contain("Hiện hướng dẫn và cách dùng").And.Contain("\nVí dụ:\n");

        var en = Cli.Run("evaluate", "--help", "--lang", "en");
        en.Stdout.Should().StartWith("Description:\n").And.Contain("\nUsage:\n  ntm evaluate [options]\n")
            .And.Contain("\nOptions:\n").And.Contain("--data <data> (REQUIRED)").And.Contain("[default: table]")
            .And.Contain("Show help and usage information").And.Contain("\nExamples:\n");
    }

    /// <summary>
    /// Every command (found by walking the help) refuses an unknown option in Vietnamese: none of
    /// System.CommandLine's English words reach the user, and the exit code is 2.
    /// </summary>
    [Fact]
    public void Every_command_refuses_a_bad_command_line_in_Vietnamese()
    {
        var englishFragments = LibraryTexts().Values
            .SelectMany(t => t.Split(["{0}", "{1}", "{2}", "{3}"], StringSplitOptions.None))
            .Select(f => f.Trim(' ', '.', ':', '\''))
            .Where(f => f.Length >= 8)
            .Distinct()
            .ToList();
        var commands = new List<string>();
        var pending = new Queue<string>([""]);
        while (pending.TryDequeue(out var path))
        {
            commands.Add(path);
            foreach (var sub in HelpExamplesTests.Subcommands(Cli.Run([.. Words(path), "--help", "--lang", "vi"]).Stdout)) pending.Enqueue((path + " " + sub).Trim());
        }
        commands.Should().Contain(["evaluate", "plugin new", "trust add"]);
        foreach (var path in commands)
        {
            // Three unknown tokens: a command that takes arguments consumes the first ones as its arguments.
            var r = Cli.Run([.. Words(path), "--khong-co", "--khong-co-nua", "--va-nua", "--van-con"], Cli.ProductDefault());
            r.ExitCode.Should().Be(2, $"ntm {path}: {r}");
            r.Stderr.Should().StartWith("lỗi: ", $"ntm {path}");
            r.Stderr.Should().Contain("Chạy 'ntm --help' để xem cách dùng.");
            foreach (var fragment in englishFragments) r.Stderr.Should().NotContain(fragment, $"ntm {path} writes Vietnamese");
        }
    }

    private static string[] Words(string path) => path.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static Dictionary<string, string> ResxTexts(string file) =>
        XDocument.Load(Path.Combine(Localization, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    private static Dictionary<string, string> LibraryTexts() =>
        new ResourceManager("System.CommandLine.Properties.Resources", typeof(System.CommandLine.RootCommand).Assembly)
            .GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    private static IEnumerable<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d\}").Select(m => m.Value).Distinct().Order();
}
