using Npgsql;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Records;

namespace NtmRules.Kernel.Tests.Records;

/// <summary>What only the PostgreSQL store has: TRUNCATE and disabled triggers, the application role, connection strings.</summary>
public class PostgresStoreTests
{
    private static string StoreWithOneStep()
    {
        var location = TestStores.New(StoreBackend.Postgres);
        using var store = RecordStore.Open(location, create: true);
        var record = store.Append(TestStores.Draft(), TestStores.At);
        store.AppendReview(new ReviewStepDraft("26881", 2025, record.Id, ReviewAction.Submitted, "xa", null, []), TestStores.At);
        return location;
    }

    [Theory]
    [InlineData("records")]
    [InlineData("reviews")]
    [InlineData("chain_anchor")]
    public void Truncate_is_refused_on_every_table(string table)
    {
        var location = StoreWithOneStep();
        var truncate = () => TestStores.Sql(StoreBackend.Postgres, location, $"TRUNCATE {table} CASCADE;");
        truncate.Should().Throw<PostgresException>().WithMessage("*append-only*");
    }

    [Fact]
    public void A_disabled_trigger_counts_as_dropped_and_the_store_takes_nothing_more()
    {
        var location = StoreWithOneStep();
        TestStores.Sql(StoreBackend.Postgres, location, "ALTER TABLE reviews DISABLE TRIGGER reviews_no_delete;");
        using var store = RecordStore.Open(location, create: false);
        store.Audit().Tampering.Should().ContainSingle().Which.Should().Be("the append-only trigger reviews_no_delete was dropped: the store no longer refuses deletes");
        var save = () => store.Append(TestStores.Draft(), TestStores.At);
        save.Should().Throw<StoreException>().Which.Problems.Single().Message.Should().Contain("lost its append-only trigger(s) reviews_no_delete");
    }

    [Fact]
    public void The_newest_entries_cut_with_the_triggers_disabled_are_found_through_the_anchor_table()
    {
        var location = StoreWithOneStep();
        TestStores.Sql(StoreBackend.Postgres, location,
            "ALTER TABLE reviews DISABLE TRIGGER reviews_no_delete; DELETE FROM reviews; ALTER TABLE reviews ENABLE TRIGGER reviews_no_delete;");
        using var store = RecordStore.Open(location, create: false);
        store.Audit().Tampering.Should().ContainSingle().Which.Should()
            .Be("the newest records were deleted: the head table chain_anchor names record 2, the store ends at record 1");
    }

    [Fact]
    public void The_application_role_reads_and_appends_but_cannot_update_or_delete_even_without_the_triggers()
    {
        var location = StoreWithOneStep();
        var builder = new NpgsqlConnectionStringBuilder(location);
        var role = "ntm_app_" + Guid.NewGuid().ToString("N")[..12];
        // The grants docs/record-store.md gives for the web's role.
        TestStores.Sql(StoreBackend.Postgres, location, $"""
            CREATE ROLE {role} LOGIN PASSWORD 'app';
            GRANT USAGE ON SCHEMA {builder.SearchPath} TO {role};
            GRANT SELECT, INSERT ON records, reviews, chain_anchor TO {role};
            GRANT SELECT ON schema_version TO {role};
            """);
        try
        {
            var app = new NpgsqlConnectionStringBuilder(location) { Username = role, Password = "app" }.ConnectionString;
            using (var store = RecordStore.Open(app, create: false))
            {
                store.AppendReview(new ReviewStepDraft("26881", 2025, 1, ReviewAction.Accepted, "tinh", null, []), TestStores.At).Id.Should().Be(3);
                store.Audit().Intact.Should().BeTrue();
            }
            TestStores.Sql(StoreBackend.Postgres, location, "ALTER TABLE reviews DISABLE TRIGGER reviews_no_update; ALTER TABLE records DISABLE TRIGGER records_no_delete;");
            var update = () => TestStores.Sql(StoreBackend.Postgres, app, "UPDATE reviews SET account = 'x';");
            update.Should().Throw<PostgresException>().Which.SqlState.Should().Be("42501", "permission denied, whatever the triggers");
            var delete = () => TestStores.Sql(StoreBackend.Postgres, app, "DELETE FROM records;");
            delete.Should().Throw<PostgresException>().Which.SqlState.Should().Be("42501");
        }
        finally
        {
            TestStores.Sql(StoreBackend.Postgres, location,
                $"REVOKE ALL ON ALL TABLES IN SCHEMA {builder.SearchPath} FROM {role}; REVOKE USAGE ON SCHEMA {builder.SearchPath} FROM {role}; DROP ROLE {role};");
        }
    }

    [Fact]
    public void The_schema_version_table_lists_the_migrations()
    {
        var location = StoreWithOneStep();
        using var c = new NpgsqlConnection(location);
        c.Open();
        using var cmd = new NpgsqlCommand("SELECT string_agg(version || ':' || description, ', ' ORDER BY version) FROM schema_version;", c);
        cmd.ExecuteScalar().Should().Be("1:evaluation records, 2:review steps");
    }

    [Theory]
    [InlineData("postgres://ntm_app:s3cr%40t@db.tinh.local:5433/ntm?sslmode=require", "postgres://ntm_app@db.tinh.local:5433/ntm")]
    [InlineData("postgresql://db.tinh.local/ntm", "postgres://db.tinh.local:5432/ntm")]
    [InlineData("Host=db.tinh.local;Database=ntm;Username=ntm_app;Password=s3cret", "postgres://ntm_app@db.tinh.local:5432/ntm")]
    public void A_connection_is_named_without_its_password(string location, string display)
    {
        StoreLocation.IsPostgres(location).Should().BeTrue();
        StoreLocation.Resolve(location).Should().Be(location);
        StoreLocation.Display(location).Should().Be(display);
    }

    [Theory]
    [InlineData("records.db")]
    [InlineData("/var/lib/ntm/host=1.db")]
    public void A_file_path_is_not_a_connection(string location)
    {
        StoreLocation.IsPostgres(location).Should().BeFalse();
        StoreLocation.Resolve(location).Should().Be(Path.GetFullPath(location));
    }

    [Fact]
    public void An_unreadable_connection_is_an_input_error_naming_the_option()
    {
        var open = () => RecordStore.Open("Host=localhost;Colour=blue", create: false);
        open.Should().Throw<InputException>().Which.Problems.Single().Should().Match<Problem>(p => p.Field == "--store" && p.Message.Contains("not readable"));
    }

    [Fact]
    public void A_server_that_does_not_answer_is_a_store_error_without_the_password()
    {
        var open = () => RecordStore.Open("postgres://ntm:hidden@127.0.0.1:1/ntm?timeout=2", create: false);
        var problem = open.Should().Throw<StoreException>().Which.Problems.Single();
        problem.Message.Should().Contain("cannot reach the PostgreSQL server");
        problem.File.Should().Be("postgres://ntm@127.0.0.1:1/ntm");
        problem.ToString().Should().NotContain("hidden");
    }
}
