using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli;

/// <summary>One example under a command's help: the command line, and what it does in Vietnamese.</summary>
internal sealed record CommandExample(string CommandLine, string Description);

/// <summary>
/// Examples printed at the end of a command's help ("Ví dụ:", <see cref="HelpWriter"/>), by command path ("evaluate",
/// "plugin new"). They are kept in one table so that a test can check that every command has some;
/// the option lists above them come from the commands themselves.
/// </summary>
internal static class CommandExamples
{
    private static readonly Dictionary<string, CommandExample[]> ByPath = new(StringComparer.Ordinal)
    {
        [""] =
        [
            new("ntm evaluate --set vn.qd318.xa-ntm --data samples/cam-thanh-2023.json", "đánh giá một xã theo QĐ 318/QĐ-TTg"),
            new("ntm evaluate --help", "xem hướng dẫn và ví dụ của một lệnh"),
        ],
        ["plugins"] =
        [
            new("ntm plugins", "liệt kê plugin, bộ tiêu chí và trạng thái chữ ký"),
            new("ntm plugins --unverified", "kèm danh sách ngưỡng chưa được xác minh"),
        ],
        ["plugin"] = [new("ntm plugin new --help", "xem cách tạo khung một plugin của tỉnh")],
        ["plugin new"] =
        [
            new("ntm plugin new --id vn.tinh-moi --province \"Tỉnh Mới\" --decision \"QĐ 12/2026/QĐ-UBND\" --out ./vn.tinh-moi",
                "tạo khung plugin chỉ dữ liệu, kế thừa bộ tiêu chí quốc gia"),
        ],
        ["plugin validate"] =
        [
            new("ntm plugin validate ./vn.tinh-moi", "kiểm tra thư mục plugin, báo mọi lỗi kèm tệp, dòng, cột"),
            new("ntm plugin validate vn.tinh-moi-1.0.0.ntmplugin --format json", "kiểm tra gói đã ký, kết quả dạng JSON"),
        ],
        ["plugin test"] =
        [
            new("ntm plugin test ./vn.tinh-moi", "chạy các ca kiểm thử đi kèm plugin"),
            new("ntm plugin test ./vn.tinh-moi --min-coverage 80", "báo lỗi nếu độ phủ quy tắc dưới 80%"),
        ],
        ["plugin thresholds"] =
        [
            new("ntm plugin thresholds vn.qd318.xa-ntm --out nguong.xlsx", "xuất các ngưỡng ra Excel để đối chiếu với quyết định"),
            new("ntm plugin thresholds vn.qd318.xa-ntm --apply nguong.xlsx --out ./plugin-moi", "áp dụng bảng đã đối chiếu thành phiên bản plugin mới"),
        ],
        ["plugin import"] =
        [
            new("ntm plugin import phu-luc.xlsx --id vn.quang-tri.2026-2030 --decision \"QĐ 51/2025/QĐ-TTg\" --out ./vn.quang-tri.2026-2030",
                "tạo plugin chỉ dữ liệu từ bảng phụ lục đã điền"),
            new("ntm plugin import phu-luc.csv --id vn.quang-tri.2026 --decision \"QĐ 12/2026/QĐ-UBND\" --date 2026-03-01 --authority \"UBND tỉnh Quảng Trị\" --out ./vn.quang-tri.2026",
                "nhập từ tệp CSV, ghi ngày ký và cơ quan ban hành bằng tùy chọn"),
        ],
        ["plugin export"] =
        [
            new("ntm plugin export vn.qd318.xa-ntm --annex qd318.xlsx", "xuất bộ tiêu chí thành bảng phụ lục Excel"),
            new("ntm plugin export vn.thanh-hoa.2022-2025.xa-ntm --annex thanh-hoa.csv", "xuất bộ của tỉnh (đã gộp phần kế thừa) ra CSV"),
        ],
        ["plugin annex-template"] = [new("ntm plugin annex-template --period 2026-2030 --out phu-luc-2026-2030.xlsx", "ghi bảng phụ lục trống giai đoạn 2026–2030")],
        ["plugin keygen"] = [new("ntm plugin keygen --out so-nnptnt", "tạo cặp khóa so-nnptnt.key và so-nnptnt.pub")],
        ["plugin pack"] = [new("ntm plugin pack ./vn.tinh-moi --key so-nnptnt.key", "đóng gói và ký plugin thành tệp .ntmplugin")],
        ["plugin install"] =
        [
            new("ntm plugin install vn.tinh-moi-1.0.0.ntmplugin", "kiểm tra chữ ký rồi cài gói vào thư mục plugin"),
            new("ntm plugin install vn.tinh-moi-1.0.1.ntmplugin --replace", "thay phiên bản đã cài"),
        ],
        ["measures"] =
        [
            new("ntm measures --set vn.qd318.xa-ntm", "xem các số liệu xã cần nhập, đơn vị và miền giá trị"),
            new("ntm measures --province \"Thanh Hóa\" --on 2024-06-30", "số liệu của bộ tiêu chí xã NTM có hiệu lực ở Thanh Hóa ngày 30/6/2024"),
        ],
        ["evaluate"] =
        [
            new("ntm evaluate --set vn.qd318.xa-ntm --data samples/cam-thanh-2023.json", "bảng kết quả theo tiêu chí và chỉ tiêu"),
            new("ntm evaluate --set vn.qd318.xa-ntm --data bieu-mau.xlsx --save", "đánh giá biểu mẫu đã điền và lưu bản ghi"),
            new("ntm evaluate --set vn.qd318.xa-ntm --data samples/cam-thanh-2023.json --format json", "kết quả JSON (ntm.evaluation/1) cho chương trình khác"),
            new("ntm evaluate --data samples/cam-thanh-2023.json", "tự chọn bộ tiêu chí xã NTM có hiệu lực theo tỉnh và ngày đánh giá trong số liệu"),
            new("ntm evaluate --level xa-ntm-nang-cao --province \"Lạng Sơn\" --data samples/tan-lap-2024.json", "tự chọn bộ nâng cao của tỉnh Lạng Sơn"),
        ],
        ["trace"] =
        [
            new("ntm trace --set vn.qd318.xa-ntm --data samples/cam-thanh-2023.json --indicator 11", "truy vết chỉ tiêu 11: quy tắc, số liệu, ngưỡng, căn cứ"),
        ],
        ["draft"] =
        [
            new("ntm draft --set vn.qd318.xa-ntm --data samples/cam-thanh-2023.json --out ke-hoach.docx", "dự thảo kế hoạch của xã dạng Word"),
            new("ntm draft --set vn.qd318.xa-ntm --data samples/cam-thanh-2023.json", "dự thảo dạng Markdown ra màn hình"),
        ],
        ["form"] = [new("ntm form --set vn.qd318.xa-ntm --out bieu-mau.xlsx", "tạo biểu mẫu Excel để xã điền số liệu")],
        ["batch"] =
        [
            new("ntm batch --set vn.qd318.xa-ntm --data huyen.csv --out ket-qua", "đánh giá mọi xã trong bảng, lập báo cáo tổng hợp"),
            new("ntm batch --set vn.qd318.xa-ntm --data ./so-lieu --out ket-qua --group-by district", "đánh giá cả thư mục, tổng hợp theo huyện cũ (số liệu trước 01/7/2025)"),
            new("ntm batch --data tinh.csv --out ket-qua --group-by group", "tự chọn bộ tiêu chí theo tỉnh và ngày của xã đầu bảng, tổng hợp theo nhóm xã"),
        ],
        ["history"] =
        [
            new("ntm history", "liệt kê các bản ghi đã lưu"),
            new("ntm history --commune \"Cẩm Thành|Thanh Hóa\"", "chỉ các bản ghi của một xã (mã xã, hoặc tên|tỉnh khi xã không có mã)"),
        ],
        ["verify"] =
        [
            new("ntm verify --all", "kiểm chứng chuỗi hash và chạy lại mọi bản ghi"),
            new("ntm verify 3", "kiểm chứng bản ghi số 3"),
        ],
        ["compare"] =
        [
            new("ntm compare 1 2", "so sánh hai bản ghi: chỉ tiêu bị tụt, cải thiện, không đổi"),
            new("ntm compare 7 --predecessors", "đặt bản ghi của xã sau sáp nhập cạnh bản ghi của các xã cũ (formerUnits)"),
        ],
        ["bench"] =
        [
            new("ntm bench --communes 10000", "đo thời gian đánh giá 10.000 xã tổng hợp"),
            new("ntm bench --communes 10000 --stream", "đo đường đọc bảng CSV của cả tỉnh"),
        ],
        ["trust"] = [new("ntm trust list", "liệt kê các khóa tin cậy")],
        ["trust add"] = [new("ntm trust add so-nnptnt.pub --name \"Sở NN&PTNT tỉnh Mới\"", "tin cậy khóa công khai của một nơi phát hành")],
        ["trust list"] = [new("ntm trust list", "liệt kê các khóa tin cậy và mã khóa")],
        ["trust remove"] = [new("ntm trust remove 0123456789abcdef", "bỏ tin cậy một khóa theo mã khóa")],
        ["serve"] =
        [
            new("ntm serve", "chạy ứng dụng web tại http://127.0.0.1:5080 (chỉ máy này)"),
            new("ntm serve --urls http://0.0.0.0:8080 --data ./du-lieu-web", "chạy trên cổng 8080, lưu dữ liệu vào thư mục riêng"),
            new("ntm serve --portal --urls https://0.0.0.0:8443 --certificate cong.pfx", "cổng thông tin của tỉnh: đăng nhập bằng tài khoản, HTTPS"),
        ],
        ["users"] = [new("ntm users list", "liệt kê tài khoản của cổng thông tin")],
        ["users add"] =
        [
            new("ntm users add quantri --role quan-tri", "tạo quản trị viên đầu tiên (mật khẩu gõ vào, không hiện)"),
            new("ntm users add xa.camthanh --role xa --commune \"Cẩm Thành|Thanh Hóa\"", "tài khoản cán bộ của một xã"),
            new("ntm users add tinh.thanhhoa --role tinh --province \"Thanh Hóa\"", "tài khoản thẩm định của tỉnh"),
        ],
        ["users list"] = [new("ntm users list --accounts /srv/ntm/accounts.db", "liệt kê tài khoản trong một cơ sở dữ liệu khác")],
        ["users disable"] = [new("ntm users disable xa.camthanh", "vô hiệu hoá một tài khoản (bản ghi của nó vẫn giữ)")],
        ["users enable"] = [new("ntm users enable xa.camthanh", "cho tài khoản hoạt động lại")],
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
