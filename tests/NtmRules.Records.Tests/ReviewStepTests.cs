using NtmRules.Kernel.Diagnostics;
using NtmRules.Records;

namespace NtmRules.Kernel.Tests.Records;

/// <summary>
/// Review steps (issue 20): a commune submits, the province returns with comments, the commune
/// resubmits, the province accepts — each step an entry of the store's one hash chain, naming the account.
/// </summary>
public class ReviewStepTests
{
    public static TheoryData<StoreBackend> Backends => TestStores.Backends;

    private static ReviewStepDraft Step(long recordId, ReviewAction action, string account, string? comment = null, params IndicatorComment[] comments) =>
        new("26881", 2025, recordId, action, account, comment, comments);

    [Theory, MemberData(nameof(Backends))]
    public void A_submission_returned_resubmitted_and_accepted_is_one_chain_with_the_records(StoreBackend backend)
    {
        using var store = RecordStore.Open(TestStores.New(backend), create: true);
        var first = store.Append(TestStores.Draft(), TestStores.At);
        store.Append(TestStores.Draft("99999"), TestStores.At);
        var submitted = store.AppendReview(Step(first.Id, ReviewAction.Submitted, "xa.26881"), TestStores.At);
        var returned = store.AppendReview(Step(first.Id, ReviewAction.Returned, "tinh.thanh-hoa", "Bổ sung minh chứng",
            new IndicatorComment("2.1", "Thiếu biên bản nghiệm thu"), new IndicatorComment("17.8", "Số liệu hộ nghèo chưa khớp")), TestStores.At.AddHours(1));
        var second = store.Append(TestStores.Draft(), TestStores.At.AddDays(1));
        store.AppendReview(Step(second.Id, ReviewAction.Submitted, "xa.26881"), TestStores.At.AddDays(1));
        var accepted = store.AppendReview(Step(second.Id, ReviewAction.Accepted, "tinh.thanh-hoa", "Đạt"), TestStores.At.AddDays(2));

        submitted.Id.Should().Be(3, "records and review steps are numbered in one sequence");
        submitted.PreviousHash.Should().Be(store.List()[1].Hash);
        second.Id.Should().Be(5);
        second.PreviousHash.Should().Be(returned.Hash, "a record saved after a review step is chained to it");
        var steps = store.Reviews("26881", 2025);
        steps.Select(s => (s.Id, s.Action, s.Account, s.EvaluationRecordId)).Should().Equal(
            (3, ReviewAction.Submitted, "xa.26881", 1), (4, ReviewAction.Returned, "tinh.thanh-hoa", 1),
            (6, ReviewAction.Submitted, "xa.26881", 5), (7, ReviewAction.Accepted, "tinh.thanh-hoa", 5));
        steps[1].Should().BeEquivalentTo(returned);
        steps[1].IndicatorComments.Should().Equal(new IndicatorComment("2.1", "Thiếu biên bản nghiệm thu"), new IndicatorComment("17.8", "Số liệu hộ nghèo chưa khớp"));
        steps[1].CreatedAt.Should().Be("2026-12-01T09:30:00Z");
        store.Reviews("26881", 2024).Should().BeEmpty();
        store.Reviews("99999", 2025).Should().BeEmpty();

        var audit = store.Audit(accepted.Hash[..12]);
        audit.Intact.Should().BeTrue(string.Join("; ", audit.Breaks.Select(b => b.Reason).Concat(audit.Tampering)));
        audit.Count.Should().Be(7);
        audit.Head.Should().Be(new ChainHead(7, accepted.Hash));
        store.List().Select(r => r.Id).Should().Equal(1, 2, 5);
    }

    [Theory, MemberData(nameof(Backends))]
    public void The_same_steps_give_the_same_hashes_on_every_backend(StoreBackend backend)
    {
        using var store = RecordStore.Open(TestStores.New(backend), create: true);
        var record = store.Append(TestStores.Draft(), TestStores.At);
        var step = store.AppendReview(Step(record.Id, ReviewAction.Returned, "tinh", "Xem lại", new IndicatorComment("2.1", "Thiếu")), TestStores.At);
        // Golden: the chain hash does not depend on the database (a store can be moved between them).
        record.Hash.Should().Be(SqliteGolden.RecordHash);
        step.Hash.Should().Be(SqliteGolden.ReturnedStepHash);
    }

    [Theory, MemberData(nameof(Backends))]
    public void A_step_about_a_missing_record_or_another_commune_or_year_is_refused_and_nothing_is_written(StoreBackend backend)
    {
        using var store = RecordStore.Open(TestStores.New(backend), create: true);
        var record = store.Append(TestStores.Draft(), TestStores.At);
        var step = store.AppendReview(Step(record.Id, ReviewAction.Submitted, "xa"), TestStores.At);

        var missing = () => store.AppendReview(Step(9, ReviewAction.Submitted, "xa"), TestStores.At);
        missing.Should().Throw<RecordNotFoundException>().Which.Problems.Single().Message.Should().Contain("record 9 does not exist");
        var onAStep = () => store.AppendReview(Step(step.Id, ReviewAction.Submitted, "xa"), TestStores.At);
        onAStep.Should().Throw<RecordNotFoundException>().Which.Problems.Single().Message.Should().Be("record 2 is a review step, not an evaluation record");
        var otherYear = () => store.AppendReview(Step(record.Id, ReviewAction.Submitted, "xa") with { Year = 2024 }, TestStores.At);
        otherYear.Should().Throw<InputException>().Which.Problems.Single().Message.Should().Contain("record 1 is the evaluation of 26881 2025, not of 26881 2024");
        var otherCommune = () => store.AppendReview(Step(record.Id, ReviewAction.Submitted, "xa") with { CommuneKey = "11111" }, TestStores.At);
        otherCommune.Should().Throw<InputException>();
        var noAccount = () => store.AppendReview(Step(record.Id, ReviewAction.Submitted, " "), TestStores.At);
        noAccount.Should().Throw<InputException>().Which.Problems.Single().Message.Should().Contain("names the account");
        var badAction = () => store.AppendReview(Step(record.Id, (ReviewAction)7, "xa"), TestStores.At);
        badAction.Should().Throw<InputException>();
        var tooLong = () => store.AppendReview(Step(record.Id, ReviewAction.Returned, "tinh", null, new IndicatorComment("2.1", new string('x', 20_001))), TestStores.At);
        tooLong.Should().Throw<InputException>().Which.Problems.Single().Message.Should().Contain("indicator \"2.1\"");

        store.Head()!.Id.Should().Be(2);
        store.Get(1).Id.Should().Be(1);
    }

    [Theory, MemberData(nameof(Backends))]
    public void Review_steps_cannot_be_updated_or_deleted_through_the_database(StoreBackend backend)
    {
        var location = TestStores.New(backend);
        using (var store = RecordStore.Open(location, create: true))
            store.AppendReview(Step(store.Append(TestStores.Draft(), TestStores.At).Id, ReviewAction.Submitted, "xa"), TestStores.At);

        var update = () => TestStores.Sql(backend, location, "UPDATE reviews SET account = 'someone else';");
        update.Should().Throw<Exception>().WithMessage("*append-only*");
        var delete = () => TestStores.Sql(backend, location, "DELETE FROM reviews;");
        delete.Should().Throw<Exception>().WithMessage("*append-only*");
    }

    [Theory, MemberData(nameof(Backends))]
    public void An_edited_review_step_breaks_the_chain_and_verify_names_it(StoreBackend backend)
    {
        var location = TestStores.New(backend);
        using (var store = RecordStore.Open(location, create: true))
        {
            var record = store.Append(TestStores.Draft(), TestStores.At);
            store.AppendReview(Step(record.Id, ReviewAction.Returned, "tinh", "Thiếu hồ sơ"), TestStores.At);
            store.Append(TestStores.Draft(), TestStores.At);
        }
        TestStores.Sql(backend, location, TestStores.DropTrigger(backend, "reviews", "reviews_no_update")
            + " UPDATE reviews SET action = 'accepted', comment = NULL WHERE id = 2; "
            + TestStores.RestoreTrigger(backend, "reviews", "reviews_no_update"));

        using var reopened = RecordStore.Open(location, create: false);
        var audit = reopened.Audit();
        audit.Intact.Should().BeFalse();
        audit.Breaks.Should().ContainSingle().Which.Should().Be(new ChainBreak(2, "its content does not match its hash (review step edited)"));
    }

    [Theory, MemberData(nameof(Backends))]
    public void Deleting_the_newest_review_step_is_found_through_the_anchored_head_and_the_store_takes_nothing_more(StoreBackend backend)
    {
        var location = TestStores.New(backend);
        string kept;
        using (var store = RecordStore.Open(location, create: true))
        {
            var record = store.Append(TestStores.Draft(), TestStores.At);
            store.AppendReview(Step(record.Id, ReviewAction.Submitted, "xa"), TestStores.At);
            kept = store.AppendReview(Step(record.Id, ReviewAction.Accepted, "tinh"), TestStores.At).Hash;
        }
        TestStores.Sql(backend, location, TestStores.DropTrigger(backend, "reviews", "reviews_no_delete")
            + " DELETE FROM reviews WHERE id = 3; " + TestStores.RestoreTrigger(backend, "reviews", "reviews_no_delete"));

        using var reopened = RecordStore.Open(location, create: false);
        reopened.VerifyChain().Should().BeEmpty("what is left still links up");
        var audit = reopened.Audit(kept);
        audit.Tampering.Should().Contain(t => t.Contains("newest records were deleted") && t.Contains("names record 3") && t.Contains("ends at record 2"))
            .And.Contain(t => t.Contains("no record has the hash you kept"));
        var save = () => reopened.AppendReview(Step(1, ReviewAction.Accepted, "tinh"), TestStores.At);
        save.Should().Throw<StoreException>().Which.Problems.Single().Message.Should().Contain("nothing was saved");
    }

    [Theory, MemberData(nameof(Backends))]
    public void A_review_step_pointing_at_another_communes_record_breaks_the_chain(StoreBackend backend)
    {
        var location = TestStores.New(backend);
        using (var store = RecordStore.Open(location, create: true))
        {
            store.Append(TestStores.Draft(), TestStores.At);
            store.Append(TestStores.Draft("99999"), TestStores.At);
            store.AppendReview(Step(1, ReviewAction.Accepted, "tinh"), TestStores.At);
        }
        TestStores.Sql(backend, location, TestStores.DropTrigger(backend, "reviews", "reviews_no_update")
            + " UPDATE reviews SET evaluation_record_id = 2 WHERE id = 3; " + TestStores.RestoreTrigger(backend, "reviews", "reviews_no_update"));

        using var reopened = RecordStore.Open(location, create: false);
        reopened.VerifyChain().Select(b => b.Reason).Should().Contain("its content does not match its hash (review step edited)")
            .And.Contain("this review step is about record 2, which is not an evaluation of 26881 2025 in the store");
    }
}
