using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Loading;

namespace NtmRules.Kernel.Tests.Loading;

/// <summary>
/// The record of schema passes kept between processes: a recorded pass skips the validator, anything
/// else is validated and reported exactly as without the cache, and a broken cache is only a miss.
/// </summary>
public sealed class PassCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ntm-pass-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        else if (File.Exists(_folder)) File.Delete(_folder);
    }

    private string Records => Path.Combine(_folder, PassCache.RecordsFolder);

    private static JToken Sample() => JToken.Parse(File.ReadAllText(RepoPaths.Of("samples", "cam-thanh-2023.json")),
        new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load });

    /// <summary>The sample with one figure turned into a string, which the schema refuses.</summary>
    private static JToken Broken()
    {
        var document = Sample();
        document["year"] = "2023a";
        return document;
    }

    private static IReadOnlyList<NtmRules.Kernel.Diagnostics.Problem> Validate(JToken document, PassCache? cache) =>
        FormatSchemas.Validate(FormatSchema.CommuneData, document, "data.json", cache);

    [Fact]
    public void A_pass_is_recorded_under_the_cache_folder_and_a_recorded_pass_skips_the_validator()
    {
        var cache = new PassCache(_folder);
        Validate(Sample(), cache).Should().BeEmpty();
        Directory.GetFiles(Records).Should().ContainSingle().Which.Should().EndWith(FormatSchemas.PassKey(FormatSchema.CommuneData, Sample()));

        // The validator would refuse this document; with a pass recorded for its content it is not run.
        Validate(Broken(), null).Should().NotBeEmpty();
        cache.Record(FormatSchemas.PassKey(FormatSchema.CommuneData, Broken()));
        Validate(Broken(), cache).Should().BeEmpty();
    }

    [Fact]
    public void A_changed_value_is_validated_its_errors_are_those_without_a_cache_and_no_failure_is_recorded()
    {
        var cache = new PassCache(_folder);
        Validate(Sample(), cache).Should().BeEmpty();

        var withCache = Validate(Broken(), cache);
        withCache.Should().NotBeEmpty();
        withCache.Should().Equal(Validate(Broken(), null));
        Validate(Broken(), cache).Should().Equal(withCache);
        Directory.GetFiles(Records).Should().ContainSingle();
    }

    [Fact]
    public void The_key_is_the_content_the_validator_sees_under_one_schema()
    {
        var reformatted = JToken.Parse(Sample().ToString(Newtonsoft.Json.Formatting.None));
        FormatSchemas.PassKey(FormatSchema.CommuneData, reformatted).Should().Be(FormatSchemas.PassKey(FormatSchema.CommuneData, Sample()));
        FormatSchemas.PassKey(FormatSchema.CommuneData, Broken()).Should().NotBe(FormatSchemas.PassKey(FormatSchema.CommuneData, Sample()));
        FormatSchemas.PassKey(FormatSchema.PluginTest, Sample()).Should().NotBe(FormatSchemas.PassKey(FormatSchema.CommuneData, Sample()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ntm pass 1 ")]
    [InlineData("garbage\0\u00ff")]
    public void A_record_that_does_not_say_its_key_is_a_miss_and_the_document_is_validated(string content)
    {
        var cache = new PassCache(_folder);
        Directory.CreateDirectory(Records);
        var key = FormatSchemas.PassKey(FormatSchema.CommuneData, Broken());
        File.WriteAllText(Path.Combine(Records, key), content);

        Validate(Broken(), cache).Should().Equal(Validate(Broken(), null)).And.NotBeEmpty();
    }

    [Fact]
    public void A_cache_folder_that_cannot_be_used_is_no_error()
    {
        File.WriteAllText(_folder, "a file where the cache folder should be");
        var cache = new PassCache(_folder);

        Validate(Sample(), cache).Should().BeEmpty();
        Validate(Broken(), cache).Should().Equal(Validate(Broken(), null)).And.NotBeEmpty();
        File.ReadAllText(_folder).Should().StartWith("a file");
    }

    [Fact]
    public void A_record_left_as_a_folder_is_a_miss_and_the_pass_is_not_an_error()
    {
        var cache = new PassCache(_folder);
        Directory.CreateDirectory(Path.Combine(Records, FormatSchemas.PassKey(FormatSchema.CommuneData, Sample())));
        Validate(Sample(), cache).Should().BeEmpty();
    }

    [Fact]
    public void The_records_stay_within_the_capacity()
    {
        var cache = new PassCache(_folder, capacity: 4);
        for (var year = 2000; year < 2010; year++)
        {
            var document = Sample();
            document["year"] = year;
            Validate(document, cache).Should().BeEmpty();
        }
        Directory.GetFiles(Records).Length.Should().BeInRange(1, 4);
        Directory.GetFiles(Records, "*.tmp").Should().BeEmpty();
    }

    [Fact]
    public void One_cache_object_writes_a_bounded_number_of_records()
    {
        var cache = new PassCache(_folder);
        for (var year = 2000; year < 2000 + PassCache.WritesPerProcess + 8; year++)
        {
            var document = Sample();
            document["year"] = year;
            Validate(document, cache).Should().BeEmpty();
        }
        Directory.GetFiles(Records).Should().HaveCount(PassCache.WritesPerProcess);
    }

    [Theory]
    [InlineData("../escaped")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("")]
    public void Only_a_lowercase_SHA_256_names_a_record(string key)
    {
        var cache = new PassCache(Path.Combine(_folder, "inner"));
        cache.Record(key);
        cache.Passed(key).Should().BeFalse();
        Directory.Exists(_folder).Should().BeFalse();
    }

    [Theory]
    [InlineData("off", "/x", "/home/u", null)]
    [InlineData(" OFF ", null, "/home/u", null)]
    [InlineData("/var/cache/ntm-ci", "/x", "/home/u", "/var/cache/ntm-ci")]
    [InlineData(null, "/x/cache", "/home/u", "/x/cache/ntm")]
    [InlineData(null, "relative/cache", "/home/u", "/home/u/.cache/ntm")]
    [InlineData("", "", "/home/u", "/home/u/.cache/ntm")]
    [InlineData(null, null, "", null)]
    public void The_folder_is_NTM_CACHE_else_XDG_CACHE_HOME_else_the_home_cache(string? setting, string? xdg, string? home, string? expected)
    {
        PassCache.FolderFor(setting, xdg, home).Should().Be(expected);
    }
}
