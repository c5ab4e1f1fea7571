using CsCheck;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// A measure's setter assigns by reflection for its first runs and by a compiled delegate after them
/// (issue #19, cold start: compiling one per measure and threshold was a sixth of the JIT's work for a
/// single commune). Both tiers must write the same value to the same field, and the tier must change
/// only after <see cref="TieredLambda{T}.CompileAfter"/> runs.
/// </summary>
public class InputSetterTests
{
    private static readonly Gen<(double[] Numbers, bool[] Flags)> Values =
        Gen.Select(Gen.Double.Array[TieredLambda<object>.CompileAfter + 8], Gen.Bool.Array[TieredLambda<object>.CompileAfter + 8]);

    [Fact]
    public void Reflection_and_compiled_setters_write_the_same_values_and_the_tier_changes_after_the_threshold()
    {
        Values.Sample(v =>
        {
            var type = InputTypeBuilder.Build("S", [("a", typeof(double)), ("b", typeof(bool)), ("c", typeof(double))]);
            var tiered = (Object: type.Create(), A: type.TypedSetters["a"], B: type.TypedSetters["b"]);
            var compiled = (Object: type.Create(), A: InputTypeBuilder.TypedSetter.For(type.Fields["a"], compiled: true),
                B: InputTypeBuilder.TypedSetter.For(type.Fields["b"], compiled: true));
            compiled.A.IsCompiled.Should().BeTrue();
            for (var i = 0; i < v.Numbers.Length; i++)
            {
                tiered.A.IsCompiled.Should().Be(i >= TieredLambda<object>.CompileAfter);
                tiered.A.Flag.Should().BeNull();
                tiered.B.Number.Should().BeNull();
                foreach (var (o, a, b) in new[] { tiered, compiled })
                {
                    a.Number!(o, v.Numbers[i]);
                    b.Flag!(o, v.Flags[i]);
                }
                foreach (var name in new[] { "a", "b", "c" })
                    type.Fields[name].GetValue(tiered.Object).Should().Be(type.Fields[name].GetValue(compiled.Object));
                type.Fields["a"].GetValue(tiered.Object).Should().Be(v.Numbers[i]);
                type.Fields["b"].GetValue(tiered.Object).Should().Be(v.Flags[i]);
                type.Fields["c"].GetValue(tiered.Object).Should().Be(0d);
            }
            tiered.B.IsCompiled.Should().BeTrue();
        });
    }
}
