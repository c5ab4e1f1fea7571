using System.Text;
using NtmRules.Drafting;

namespace NtmRules.Kernel.Tests.Drafting;

/// <summary>
/// <see cref="Prose.Nfc"/> skips ICU for text it can tell is already in form C (issue #19, goal 5):
/// that shortcut must never let through text that normalisation would change.
/// </summary>
public class ProseTests
{
    [Fact]
    public void Characters_taken_as_composed_are_in_form_c_alone_and_next_to_each_other()
    {
        var chars = Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(c => !char.IsSurrogate(c) && Prose.StaysComposed(c)).ToArray();
        chars.Should().Contain(['a', 'đ', 'ư', 'ế', 'ỹ', '—', '≥', '«']);
        var pairs = new StringBuilder(chars.Length * 2 + 1);
        foreach (var x in chars)
        {
            // x y₁ x y₂ x … x: every pair with x first and with x second.
            pairs.Clear().Append(x);
            foreach (var y in chars) pairs.Append(y).Append(x);
            pairs.ToString().IsNormalized(NormalizationForm.FormC).Should().BeTrue($"U+{(int)x:X4} next to any other character taken as composed");
        }
    }

    [Theory]
    [InlineData("Xã Cẩm Thành — tỷ lệ ≥ 90%")]
    [InlineData("Xa\u0303 Ca\u0302\u0309m")]        // decomposed Vietnamese letters
    [InlineData("e\u0302\u0301\u0323")]             // marks to reorder and compose
    [InlineData("ế\u0323")]                         // a composed letter then a mark
    [InlineData("\u2126 \u212b \u2000")]            // canonical singletons
    [InlineData("\u1100\u1161")]                    // Hangul jamo that compose
    public void Nfc_gives_what_normalisation_gives(string text) =>
        Prose.Nfc(text).Should().Be(text.Normalize(NormalizationForm.FormC));

    [Fact]
    public void Text_already_composed_is_returned_as_it_is()
    {
        var text = "Thực hiện các tiêu chí nông thôn mới của xã Cẩm Thành năm 2025 — ≥ 90%";
        Prose.Nfc(text).Should().BeSameAs(text);
    }
}
