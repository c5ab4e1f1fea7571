using NtmRules.Kernel.Diagnostics;
using NtmRules.Tests.Shared;

namespace NtmRules.Packaging.Tests;

/// <summary>
/// The packaging layer's messages follow the UI language (#17): Vietnamese by default, English on request,
/// with counts written the Vietnamese way ("5.000 byte") and names a person types (file names, options,
/// commands) left as they are.
/// </summary>
public class MessagesInVietnameseTests
{
    private static string Message(Action act) => act.Should().Throw<NtmException>().Which.Problems[0].Message;

    private static (string Root, string Package, SigningKey Key) Package()
    {
        var root = Kit.TempDir();
        var key = Kit.Key();
        var package = Path.Combine(root, "p.ntmplugin");
        PackageWriter.Pack(Kit.DataOnlyPlugin(root), key, package);
        return (root, package, key);
    }

    [Fact]
    public void An_untrusted_signer_is_refused_in_Vietnamese_with_the_command_that_trusts_it()
    {
        var (root, package, key) = Package();
        var strangers = Kit.Trust(root);
        using var _ = TestCulture.Use("vi");

        Message(() => PluginPackage.ExtractVerified(package, Path.Combine(root, "out"), Kit.Options(strangers)))
            .Should().StartWith($"gói bị từ chối: không tin cậy: gói được ký bằng khóa {key.PublicKey.KeyId}, khóa này không có trong kho khóa tin cậy (")
            .And.EndWith("hãy thêm khóa công khai của họ bằng 'ntm trust add KEY.pub --name \"…\"'; hoặc thêm --allow-unsigned để vẫn chấp nhận (mọi kết quả và bản vết sẽ ghi rõ điều này)");
    }

    [Fact]
    public void Key_file_mistakes_are_explained_in_Vietnamese_with_Vietnamese_counts()
    {
        var root = Kit.TempDir();
        var (_, publicPath) = Kit.Key().WriteFiles(Path.Combine(root, "so-nn"));
        var big = Path.Combine(root, "big.key");
        File.WriteAllText(big, new string('A', 5000));
        using var _ = TestCulture.Use("vi");

        Message(() => SigningKey.ReadFile(publicPath)).Should().Be(
            "đây là khóa công khai (ntm-ed25519-public); muốn ký cần khóa bí mật, tức tệp .key do 'ntm plugin keygen' tạo ra");
        Message(() => SigningKey.ReadFile(Path.Combine(root, "none.key"))).Should().Be("không tìm thấy tệp khóa");
        Message(() => SigningKey.ReadFile(big)).Should().Be("tệp dài 5.000 byte; tệp khóa chỉ là một dòng ngắn");
    }

    [Fact]
    public void Trust_store_and_install_refusals_are_in_Vietnamese()
    {
        var (root, package, key) = Package();
        var trust = Kit.Trust(root, (key, "Sở NN&PTNT Thử"));
        var plugins = Path.Combine(root, "plugins");
        PackageInstaller.Install(package, plugins, Kit.Options(trust), replace: false);
        using var _ = TestCulture.Use("vi");

        Message(() => TrustStore.Open(trust).Remove("0123456789abcdef"))
            .Should().Be("không có khóa tin cậy nào có mã \"0123456789abcdef\" (chạy 'ntm trust list')");
        Message(() => TrustStore.Open(trust).Add(key.PublicKey, "Khác", DateTimeOffset.UnixEpoch))
            .Should().Be($"khóa {key.PublicKey.KeyId} đã được tin cậy với tên \"Sở NN&PTNT Thử\" (muốn đổi tên, hãy xóa khóa trước)");
        Message(() => PackageInstaller.Install(package, plugins, Kit.Options(trust), replace: false))
            .Should().Be("plugin vn.test.2025 đã được cài (vn.test.2025); thêm --replace để thay bằng phiên bản 1.0.0");
    }

    [Fact]
    public void A_changed_installed_file_is_reported_as_tampered_in_Vietnamese()
    {
        var (root, package, key) = Package();
        var trust = Kit.Trust(root, (key, "Sở NN&PTNT Thử"));
        var installed = PackageInstaller.Install(package, Path.Combine(root, "plugins"), Kit.Options(trust), replace: false).Folder;
        File.AppendAllText(Path.Combine(installed, "sets", "a.json"), " ");
        var problems = new List<Problem>();
        using var _ = TestCulture.Use("vi");

        new InstalledPluginVerifier(() => TrustStore.Open(trust), Path.Combine(root, "bundled"), allowUnsigned: false).Verify(installed, problems)
            .Should().BeNull();
        problems.Select(p => p.Message).Should().Equal("bị sửa đổi: tệp bị thay đổi sau khi cài (SHA-256 khác với package.json); hãy cài lại plugin");
    }

    [Fact]
    public void In_English_the_same_refusals_read_as_before()
    {
        var (root, package, key) = Package();
        var big = Path.Combine(root, "big.key");
        File.WriteAllText(big, new string('A', 5000));
        using var _ = TestCulture.Use("en");

        Message(() => PluginPackage.ExtractVerified(package, Path.Combine(root, "out"), Kit.Options(Kit.Trust(root))))
            .Should().StartWith($"package refused: untrusted: signed by key {key.PublicKey.KeyId}, which is not in the trust store (");
        Message(() => SigningKey.ReadFile(big)).Should().Be("the file is 5000 bytes; a key file is one short line");
        Message(() => TrustStore.Open(Kit.Trust(root)).Remove("0123456789abcdef"))
            .Should().Be("no trusted key has id \"0123456789abcdef\" (run 'ntm trust list')");
    }
}
