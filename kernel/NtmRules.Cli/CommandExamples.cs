using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli;

/// <summary>
/// One example under a command's help: the command line, as typed in any language, and the key of what it does in
/// <see cref="ExampleMessages"/>.
/// </summary>
internal sealed record CommandExample(string CommandLine, string DescriptionKey)
{
    /// <summary>What the example does, in the session's language.</summary>
    public string Description =>
        ExampleMessages.ResourceManager.GetString(DescriptionKey, ExampleMessages.Culture)
        ?? throw new InvalidOperationException($"ExampleMessages has no text {DescriptionKey}");
}

/// <summary>
/// Examples printed at the end of a command's help ("Ví dụ:", <see cref="HelpWriter"/>), by command path ("evaluate",
/// "plugin new"). They are kept in one table so that a test can check that every command has some;
/// the option lists above them come from the commands themselves. Their descriptions follow the session's
/// language; the command lines do not, since a user types them as they are.
/// </summary>
internal static class CommandExamples
{
    private static readonly Dictionary<string, CommandExample[]> ByPath = new(StringComparer.Ordinal)
    {
        [""] =
        [
            new("ntm evaluate --set vn.qd318.xa-ntm --data samples/cam-thanh-2023.json", nameof(ExampleMessages.Ntm1)),
            new("ntm evaluate --help", nameof(ExampleMessages.Ntm2)),
        ],
        ["plugins"] =
        [
            new("ntm plugins", nameof(ExampleMessages.Plugins1)),
            new("ntm plugins --unverified", nameof(ExampleMessages.Plugins2)),
        ],
        ["plugin"] = [new("ntm plugin new --help", nameof(ExampleMessages.Plugin1))],
        ["plugin new"] =
        [
            new("ntm plugin new --id vn.tinh-moi --province \"Tỉnh Mới\" --decision \"QĐ 12/2026/QĐ-UBND\" --out ./vn.tinh-moi",
                nameof(ExampleMessages.PluginNew1)),
        ],
        ["plugin validate"] =
        [
            new("ntm plugin validate ./vn.tinh-moi", nameof(ExampleMessages.PluginValidate1)),
            new("ntm plugin validate vn.tinh-moi-1.0.0.ntmplugin --format json", nameof(ExampleMessages.PluginValidate2)),
        ],
        ["plugin test"] =
        [
            new("ntm plugin test ./vn.tinh-moi", nameof(ExampleMessages.PluginTest1)),
            new("ntm plugin test ./vn.tinh-moi --min-coverage 80", nameof(ExampleMessages.PluginTest2)),
        ],
        ["plugin thresholds"] =
        [
            new("ntm plugin thresholds vn.qd318.xa-ntm --out nguong.xlsx", nameof(ExampleMessages.PluginThresholds1)),
            new("ntm plugin thresholds vn.qd318.xa-ntm --apply nguong.xlsx --out ./plugin-moi", nameof(ExampleMessages.PluginThresholds2)),
        ],
        ["plugin import"] =
        [
            new("ntm plugin import phu-luc.xlsx --id vn.quang-tri.2026-2030 --decision \"QĐ 51/2025/QĐ-TTg\" --out ./vn.quang-tri.2026-2030",
                nameof(ExampleMessages.PluginImport1)),
            new("ntm plugin import phu-luc.csv --id vn.quang-tri.2026 --decision \"QĐ 12/2026/QĐ-UBND\" --date 2026-03-01 --authority \"UBND tỉnh Quảng Trị\" --out ./vn.quang-tri.2026",
                nameof(ExampleMessages.PluginImport2)),
        ],
        ["plugin export"] =
        [
            new("ntm plugin export vn.qd318.xa-ntm --annex qd318.xlsx", nameof(ExampleMessages.PluginExport1)),
            new("ntm plugin export vn.thanh-hoa.2022-2025.xa-ntm --annex thanh-hoa.csv", nameof(ExampleMessages.PluginExport2)),
        ],
        ["plugin annex-template"] = [new("ntm plugin annex-template --period 2026-2030 --out phu-luc-2026-2030.xlsx", nameof(ExampleMessages.PluginAnnexTemplate1))],
        ["plugin keygen"] = [new("ntm plugin keygen --out so-nnptnt", nameof(ExampleMessages.PluginKeygen1))],
        ["plugin pack"] = [new("ntm plugin pack ./vn.tinh-moi --key so-nnptnt.key", nameof(ExampleMessages.PluginPack1))],
        ["plugin install"] =
        [
            new("ntm plugin install vn.tinh-moi-1.0.0.ntmplugin", nameof(ExampleMessages.PluginInstall1)),
            new("ntm plugin install vn.tinh-moi-1.0.1.ntmplugin --replace", nameof(ExampleMessages.PluginInstall2)),
        ],
        ["measures"] =
        [
            new("ntm measures --set vn.qd318.xa-ntm", nameof(ExampleMessages.Measures1)),
            new("ntm measures --province \"Thanh Hóa\" --on 2024-06-30", nameof(ExampleMessages.Measures2)),
        ],
        ["evaluate"] =
        [
            new("ntm evaluate --set vn.qd318.xa-ntm --data samples/cam-thanh-2023.json", nameof(ExampleMessages.Evaluate1)),
            new("ntm evaluate --set vn.qd318.xa-ntm --data bieu-mau.xlsx --save", nameof(ExampleMessages.Evaluate2)),
            new("ntm evaluate --set vn.qd318.xa-ntm --data samples/cam-thanh-2023.json --format json", nameof(ExampleMessages.Evaluate3)),
            new("ntm evaluate --data samples/cam-thanh-2023.json", nameof(ExampleMessages.Evaluate4)),
            new("ntm evaluate --level xa-ntm-nang-cao --province \"Lạng Sơn\" --data samples/tan-lap-2024.json", nameof(ExampleMessages.Evaluate5)),
        ],
        ["trace"] =
        [
            new("ntm trace --set vn.qd318.xa-ntm --data samples/cam-thanh-2023.json --indicator 11", nameof(ExampleMessages.Trace1)),
        ],
        ["draft"] =
        [
            new("ntm draft --set vn.qd318.xa-ntm --data samples/cam-thanh-2023.json --out ke-hoach.docx", nameof(ExampleMessages.Draft1)),
            new("ntm draft --set vn.qd318.xa-ntm --data samples/cam-thanh-2023.json", nameof(ExampleMessages.Draft2)),
        ],
        ["form"] = [new("ntm form --set vn.qd318.xa-ntm --out bieu-mau.xlsx", nameof(ExampleMessages.Form1))],
        ["batch"] =
        [
            new("ntm batch --set vn.qd318.xa-ntm --data huyen.csv --out ket-qua", nameof(ExampleMessages.Batch1)),
            new("ntm batch --set vn.qd318.xa-ntm --data ./so-lieu --out ket-qua --group-by district", nameof(ExampleMessages.Batch2)),
            new("ntm batch --data tinh.csv --out ket-qua --group-by group", nameof(ExampleMessages.Batch3)),
        ],
        ["history"] =
        [
            new("ntm history", nameof(ExampleMessages.History1)),
            new("ntm history --commune \"Cẩm Thành|Thanh Hóa\"", nameof(ExampleMessages.History2)),
        ],
        ["verify"] =
        [
            new("ntm verify --all", nameof(ExampleMessages.Verify1)),
            new("ntm verify 3", nameof(ExampleMessages.Verify2)),
        ],
        ["compare"] =
        [
            new("ntm compare 1 2", nameof(ExampleMessages.Compare1)),
            new("ntm compare 7 --predecessors", nameof(ExampleMessages.Compare2)),
        ],
        ["bench"] =
        [
            new("ntm bench --communes 10000", nameof(ExampleMessages.Bench1)),
            new("ntm bench --communes 10000 --stream", nameof(ExampleMessages.Bench2)),
        ],
        ["trust"] = [new("ntm trust list", nameof(ExampleMessages.Trust1))],
        ["trust add"] = [new("ntm trust add so-nnptnt.pub --name \"Sở NN&PTNT tỉnh Mới\"", nameof(ExampleMessages.TrustAdd1))],
        ["trust list"] = [new("ntm trust list", nameof(ExampleMessages.TrustList1))],
        ["trust remove"] = [new("ntm trust remove 0123456789abcdef", nameof(ExampleMessages.TrustRemove1))],
        ["serve"] =
        [
            new("ntm serve", nameof(ExampleMessages.Serve1)),
            new("ntm serve --urls http://0.0.0.0:8080 --data ./du-lieu-web", nameof(ExampleMessages.Serve2)),
            new("ntm serve --portal --urls https://0.0.0.0:8443 --certificate cong.pfx", nameof(ExampleMessages.Serve3)),
        ],
        ["users"] = [new("ntm users list", nameof(ExampleMessages.Users1))],
        ["users add"] =
        [
            new("ntm users add quantri --role quan-tri", nameof(ExampleMessages.UsersAdd1)),
            new("ntm users add xa.camthanh --role xa --commune \"Cẩm Thành|Thanh Hóa\"", nameof(ExampleMessages.UsersAdd2)),
            new("ntm users add tinh.thanhhoa --role tinh --province \"Thanh Hóa\"", nameof(ExampleMessages.UsersAdd3)),
        ],
        ["users list"] = [new("ntm users list --accounts /srv/ntm/accounts.db", nameof(ExampleMessages.UsersList1))],
        ["users disable"] = [new("ntm users disable xa.camthanh", nameof(ExampleMessages.UsersDisable1))],
        ["users enable"] = [new("ntm users enable xa.camthanh", nameof(ExampleMessages.UsersEnable1))],
    };

    /// <summary>The examples of the command at <paramref name="path"/> ("" for ntm itself), none if it has none.</summary>
    public static IReadOnlyList<CommandExample> For(string path) => ByPath.GetValueOrDefault(path, []);

    /// <summary>The command's path below the root: "plugin new" for <c>ntm plugin new</c>.</summary>
    public static string PathOf(CommandResult result)
    {
        var names = new List<string>();
        for (var r = result; r is { Parent: CommandResult parent }; r = parent) names.Add(r.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>Whether <paramref name="parse"/> asks for help (then its other errors, such as a missing required option, do not matter).</summary>
    public static bool IsHelp(ParseResult parse) => parse.Action is LocalizedHelpAction;

    /// <summary>Makes <paramref name="root"/>'s help option write <see cref="HelpWriter"/>'s help, examples included, in the session's language.</summary>
    public static void AddToHelp(RootCommand root, CommandLineTexts library)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Description = library.Get("HelpOptionDescription");
        help.Action = new LocalizedHelpAction(new HelpWriter(library));
        foreach (var version in root.Options.OfType<VersionOption>()) version.Description = library.Get("VersionOptionDescription");
    }
}
