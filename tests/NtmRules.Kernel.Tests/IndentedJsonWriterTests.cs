using System.Buffers;
using System.Globalization;
using System.Text;
using CsCheck;
using Newtonsoft.Json;
using NtmRules.Kernel.Output;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// The kernel's UTF-8 writer against Newtonsoft's indented <c>JsonTextWriter</c>, which wrote the
/// evaluation and trace documents before (issue #19, goal 4): any tree of objects, arrays, strings of
/// any UTF-16 text (control characters, quotes, separators, Vietnamese, emoji, lone surrogates),
/// finite doubles, integers, booleans and nulls gives the same bytes, with either new line.
/// </summary>
public class IndentedJsonWriterTests
{
    private abstract record Node;
    private sealed record Obj((string Name, Node Value)[] Properties) : Node;
    private sealed record Arr(Node[] Items) : Node;
    private sealed record Str(string? Value) : Node;
    private sealed record Num(double Value) : Node;
    private sealed record Int(int? Value) : Node;
    private sealed record Bool(bool? Value) : Node;

    /// <summary>Characters of any kind, with those that need care drawn more often than chance would.</summary>
    private static readonly Gen<char> Chars = Gen.OneOf(
        Gen.Char,
        Gen.Char['\0', '\u007f'],
        Gen.Char['\u00c0', '\u1ef9'],
        Gen.OneOf('"', '\\', '\'', '/', '<', '>', '&', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ud800', '\udbff', '\udc00', '\udfff'));

    private static readonly Gen<string> Text = Gen.OneOf(
        Chars.Array[0, 12].Select(c => new string(c)),
        Gen.OneOf("😀", "Xã Cẩm Thành", "đạt", "\ud83d\ude00\ud83d", "\u0001\u001f"));

    private static readonly Gen<double> Doubles = Gen.OneOf(
        Gen.Double.Where(double.IsFinite),
        Gen.Int.Select(i => (double)i),
        Gen.Int[-10_000, 10_000].Select(i => i / 100.0),
        Gen.OneOf(0.0, -0.0, 5.0, 0.1, 1e-7, 1e15, 1e16, 1e21, 123456789012.5, double.MaxValue, double.Epsilon));

    private static readonly Gen<Node> Leaf = Gen.OneOf<Node>(
        Text.Select(s => (Node)new Str(s)),
        Gen.Const<Node>(new Str(null)),
        Doubles.Select(d => (Node)new Num(d)),
        Gen.Int.Select(i => (Node)new Int(i)),
        Gen.Const<Node>(new Int(null)),
        Gen.Bool.Select(b => (Node)new Bool(b)),
        Gen.Const<Node>(new Bool(null)));

    private static Gen<Node> Tree(int depth) => depth == 0
        ? Leaf
        : Gen.OneOf(Leaf, Leaf, Tree(depth - 1).Array[0, 4].Select(a => (Node)new Arr(a)), Object(depth - 1));

    private static Gen<Node> Object(int depth) =>
        Gen.Select(Text, Tree(depth)).Array[0, 5].Select(p => (Node)new Obj(p));

    [Fact]
    public void Any_document_gives_the_bytes_Newtonsoft_gave()
    {
        Gen.Select(Object(4), Gen.OneOf("\n", "\r\n")).Sample((root, newLine) =>
        {
            Ours(root, newLine).Should().Equal(Theirs(root, newLine));
        }, iter: 2000);
    }

    [Fact]
    public void A_long_string_crossing_chunks_keeps_its_surrogate_pairs_and_escapes()
    {
        var text = string.Concat(Enumerable.Repeat("ạ😀\"\n\ud800x", 20_000));
        var root = new Obj([("text", new Str(text)), ("list", new Arr([new Str(text), new Num(0.1)]))]);
        Ours(root, "\n").Should().Equal(Theirs(root, "\n"));
    }

    [Fact]
    public void Text_output_decodes_characters_split_between_chunks()
    {
        var text = string.Concat(Enumerable.Repeat("Cẩm Thành 😀 ", 10_000));
        var written = new StringWriter { NewLine = "\n" };
        using (var w = new IndentedJsonWriter(new TextOutput(written), written.NewLine))
        {
            w.WriteStartObject();
            w.WritePropertyName("text");
            w.WriteValue(text);
            w.WriteEndObject();
            w.EndDocument();
        }
        written.ToString().Should().Be("{\n  \"text\": \"" + text + "\"\n}\n");
    }

    private static byte[] Ours(Node root, string newLine)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var w = new IndentedJsonWriter(output, newLine))
        {
            Write(new Calls(w.WriteStartObject, w.WriteEndObject, w.WriteStartArray, w.WriteEndArray, w.WritePropertyName,
                w.WriteValue, w.WriteNumber, w.WriteValue, w.WriteValue), root);
            w.EndDocument();
        }
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The calls a document is written with, so that both writers get the same ones.</summary>
    private sealed record Calls(Action StartObject, Action EndObject, Action StartArray, Action EndArray, Action<string> Name,
        Action<string?> String, Action<double> Number, Action<int?> Int, Action<bool?> Bool);

    private static void Write(Calls w, Node node)
    {
        switch (node)
        {
            case Obj o:
                w.StartObject();
                foreach (var (name, value) in o.Properties)
                {
                    w.Name(name);
                    Write(w, value);
                }
                w.EndObject();
                break;
            case Arr a:
                w.StartArray();
                foreach (var item in a.Items) Write(w, item);
                w.EndArray();
                break;
            case Str s: w.String(s.Value); break;
            case Num n: w.Number(n.Value); break;
            case Int i: w.Int(i.Value); break;
            case Bool b: w.Bool(b.Value); break;
        }
    }

    /// <summary>As the evaluation writer called Newtonsoft: indented by 2, numbers raw in their "R" form, then a line feed, encoded as UTF-8.</summary>
    private static byte[] Theirs(Node root, string newLine)
    {
        var text = new StringWriter { NewLine = newLine };
        using (var w = new JsonTextWriter(text) { Formatting = Newtonsoft.Json.Formatting.Indented, Indentation = 2, CloseOutput = false })
        {
            Write(new Calls(w.WriteStartObject, w.WriteEndObject, w.WriteStartArray, w.WriteEndArray, w.WritePropertyName,
                w.WriteValue, n => w.WriteRawValue(n.ToString("R", CultureInfo.InvariantCulture)), w.WriteValue, w.WriteValue), root);
            w.Flush();
        }
        text.Write('\n');
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }
}
