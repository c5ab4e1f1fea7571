namespace NtmRules.Web.Tests;

public sealed class BoundedCacheTests
{
    [Fact]
    public void Keeps_the_last_items_drops_the_oldest_and_tells_whom_it_dropped()
    {
        var dropped = new List<string>();
        var cache = new BoundedCache<string>(2, dropped.Add);
        cache.Add("a", "A");
        cache.Add("b", "B");
        cache.Add("c", "C");
        cache.Get("a").Should().BeNull();
        cache.Get("b").Should().Be("B");
        cache.Get("c").Should().Be("C");
        cache.Count.Should().Be(2);
        dropped.Should().Equal("A");
    }

    [Fact]
    public void Ids_are_128_random_bits_in_hex()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => BoundedCache<string>.NewId()).ToArray();
        ids.Should().OnlyHaveUniqueItems().And.OnlyContain(i => System.Text.RegularExpressions.Regex.IsMatch(i, "^[0-9a-f]{32}$"));
    }

    [Theory]
    [InlineData("../../etc/passwd.json", "passwd.json")]
    [InlineData("C:\\Users\\x\\xa.csv", "xa.csv")]
    [InlineData("a\u0000b\nc.json", "abc.json")]
    [InlineData("", "tep-tai-len")]
    [InlineData("/", "tep-tai-len")]
    public void Client_file_names_are_reduced_to_a_name_for_messages(string client, string shown) =>
        Uploads.DisplayName(client).Should().Be(shown);
}
