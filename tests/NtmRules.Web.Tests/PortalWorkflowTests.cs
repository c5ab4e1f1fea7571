using NtmRules.Tests.Shared;
using NtmRules.Portal;
using NtmRules.Records;

namespace NtmRules.Web.Tests;

/// <summary>The submission and review state machine, without a server.</summary>
public sealed class PortalWorkflowTests
{
    private const string CamThanh = "Cẩm Thành|Thanh Hóa";
    private static readonly PortalAccount Commune = new("xa.camthanh", PortalRole.Xa, CamThanh, "Thanh Hóa");
    private static readonly PortalAccount OtherCommune = new("xa.tanlap", PortalRole.Xa, "Tân Lập|Lạng Sơn", "Lạng Sơn");
    private static readonly PortalAccount Province = new("tinh.thanhhoa", PortalRole.Tinh, null, "Thanh Hóa");
    private static readonly PortalAccount OtherProvince = new("tinh.langson", PortalRole.Tinh, null, "Lạng Sơn");
    private static readonly PortalAccount Auditor = new("kiemtoan", PortalRole.KiemToan, null, null);
    private static readonly PortalAccount Admin = new("quantri", PortalRole.QuanTri, null, null);

    private static ReviewStep Step(long id, ReviewStepDraft d) => new()
    {
        Id = id, CreatedAt = "2026-12-02T01:00:00Z", CommuneKey = d.CommuneKey, Year = d.Year, EvaluationRecordId = d.EvaluationRecordId,
        Action = d.Action, Account = d.Account, Comment = d.Comment, IndicatorComments = d.IndicatorComments, PreviousHash = new string('0', 64), Hash = new string('1', 64),
    };

    private static Dossier After(params ReviewStepDraft[] steps) =>
        new(CamThanh, "Thanh Hóa", 2024, steps.Select((d, i) => Step(i + 1, d)).ToArray());

    [Fact]
    public void Submit_return_resubmit_accept_each_by_its_own_role_and_nothing_after_acceptance()
    {
        using var vietnamese = TestCulture.Use("vi"); // the refusals as the portal pages show them
        var empty = After();
        empty.State.Should().Be(DossierState.ChuaNop);
        ReviewWorkflow.Allowed(Commune, empty).Should().Equal(ReviewAction.Submitted);
        ReviewWorkflow.Allowed(Province, empty).Should().BeEmpty();

        var submit = ReviewWorkflow.Step(Commune, empty, ReviewAction.Submitted, 7, " xin thẩm định ", []);
        submit.Should().Be(new ReviewStepDraft(CamThanh, 2024, 7, ReviewAction.Submitted, "xa.camthanh", "xin thẩm định", []));
        var submitted = After(submit);
        submitted.State.Should().Be(DossierState.ChoThamDinh);
        ReviewWorkflow.Allowed(Commune, submitted).Should().BeEmpty("a submission waits for the province");
        ReviewWorkflow.Allowed(Province, submitted).Should().Equal(ReviewAction.Returned, ReviewAction.Accepted);

        var back = ReviewWorkflow.Step(Province, submitted, ReviewAction.Returned, null, null, [new("11", "Cần số liệu hộ nghèo mới"), new("2.1", "  ")]);
        back.EvaluationRecordId.Should().Be(7, "a return is about the record under review");
        back.IndicatorComments.Should().Equal(new IndicatorComment("11", "Cần số liệu hộ nghèo mới"));
        var returned = After(submit, back);
        returned.State.Should().Be(DossierState.BiTraLai);
        returned.LastReturn!.IndicatorComments.Single().IndicatorId.Should().Be("11");
        ReviewWorkflow.Allowed(Commune, returned).Should().Equal(ReviewAction.Submitted);

        var again = ReviewWorkflow.Step(Commune, returned, ReviewAction.Submitted, 9, null, []);
        var resubmitted = After(submit, back, again);
        resubmitted.Submission!.EvaluationRecordId.Should().Be(9);
        var accept = ReviewWorkflow.Step(Province, resubmitted, ReviewAction.Accepted, null, "Đạt yêu cầu", []);
        accept.EvaluationRecordId.Should().Be(9);
        var accepted = After(submit, back, again, accept);
        accepted.State.Should().Be(DossierState.DaChapNhan);
        foreach (var a in new[] { Commune, Province, Auditor, Admin }) ReviewWorkflow.Allowed(a, accepted).Should().BeEmpty();
        ReviewWorkflow.WhoMay(DossierState.DaChapNhan).Should().Contain("không ai");
    }

    [Fact]
    public void Other_communes_other_provinces_the_auditor_and_the_administrator_move_nothing()
    {
        using var vietnamese = TestCulture.Use("vi"); // the refusals as the portal pages show them
        var empty = After();
        var submitted = After(ReviewWorkflow.Step(Commune, empty, ReviewAction.Submitted, 7, null, []));
        foreach (var a in new[] { OtherCommune, OtherProvince, Auditor, Admin })
        {
            ReviewWorkflow.Allowed(a, empty).Should().BeEmpty();
            ReviewWorkflow.Allowed(a, submitted).Should().BeEmpty();
        }
        var foreign = () => ReviewWorkflow.Step(OtherProvince, submitted, ReviewAction.Accepted, null, null, []);
        foreign.Should().Throw<ReviewRefusedException>().WithMessage("*tinh.langson*không được chấp nhận*chờ thẩm định*");
        var selfAccept = () => ReviewWorkflow.Step(Commune, submitted, ReviewAction.Accepted, null, null, []);
        selfAccept.Should().Throw<ReviewRefusedException>();
    }

    [Fact]
    public void A_return_needs_a_comment_and_a_submission_needs_a_record()
    {
        using var vietnamese = TestCulture.Use("vi"); // the refusals as the portal pages show them
        var submitted = After(ReviewWorkflow.Step(Commune, After(), ReviewAction.Submitted, 7, null, []));
        var silent = () => ReviewWorkflow.Step(Province, submitted, ReviewAction.Returned, null, " ", [new("11", "")]);
        silent.Should().Throw<ReviewRefusedException>().WithMessage("*ít nhất một ý kiến*");
        var nothing = () => ReviewWorkflow.Step(Commune, After(), ReviewAction.Submitted, null, null, []);
        nothing.Should().Throw<ReviewRefusedException>().WithMessage("*Chọn bản ghi*");
    }

    [Fact]
    public void Steps_that_do_not_follow_the_machine_are_not_a_state()
    {
        var draft = new ReviewStepDraft(CamThanh, 2024, 7, ReviewAction.Accepted, "ai.do", null, []);
        var broken = () => ReviewWorkflow.StateAfter([Step(1, draft)]);
        broken.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Accounts_read_their_commune_or_province_the_auditor_everything_the_administrator_nothing()
    {
        Commune.MayRead(CamThanh, "Thanh Hóa").Should().BeTrue();
        Commune.MayRead("Tân Lập|Lạng Sơn", "Lạng Sơn").Should().BeFalse();
        Province.MayRead(CamThanh, " thanh hóa ").Should().BeTrue();
        Province.MayRead("Tân Lập|Lạng Sơn", "Lạng Sơn").Should().BeFalse();
        Auditor.MayRead("Tân Lập|Lạng Sơn", "Lạng Sơn").Should().BeTrue();
        Admin.MayRead(CamThanh, "Thanh Hóa").Should().BeFalse();
        PortalRoles.All.Select(r => r.Key()).Should().Equal("xa", "tinh", "kiem-toan", "quan-tri");
        PortalRoles.TryParse("kiem-toan", out var role).Should().BeTrue();
        role.Should().Be(PortalRole.KiemToan);
        PortalRoles.TryParse("admin", out _).Should().BeFalse();
    }
}
