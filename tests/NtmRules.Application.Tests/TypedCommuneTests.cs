using System.Security.Cryptography;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Application.Tests;

public sealed class TypedCommuneTests
{
    private static Kernel.Domain.CriteriaSet Set => Repo.Host.GetSet(Repo.XaNtm).Set;

    [Fact]
    public void Typed_figures_read_in_memory_equal_their_record_read_as_a_csv_file()
    {
        var figures = Figures.FromSample("cam-thanh-2023.json", ("name", "Cẩm \"Thành\", mới"));
        var folder = Repo.TempFolder("ntm-app-typed");
        try
        {
            var typed = TypedCommune.Read(figures, Set);
            var csv = Figures.WriteCsv(figures, folder);
            var fromFile = CommuneFileReader.ReadOne(csv, "bieu-mau.csv", Set, []);

            typed.Bytes.Should().Equal(File.ReadAllBytes(csv));
            typed.Data.ContentSha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(typed.Bytes)));
            typed.Data.Should().BeEquivalentTo(fromFile, "reading in memory changes nothing the reader of the kept CSV would see");
            typed.Data.Commune.Name.Should().Be("Cẩm \"Thành\", mới");
            typed.Warnings.Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_record_bytes_are_a_quoted_one_row_utf8_table()
    {
        var figures = new TypedFigures("f.csv", [KeyValuePair.Create("name", "Tân \"Lập\""), KeyValuePair.Create("year", "2024")]);
        System.Text.Encoding.UTF8.GetString(TypedCommune.Bytes(figures)).Should().Be("\"name\",\"year\"\n\"Tân \"\"Lập\"\"\",\"2024\"\n");
    }

    [Fact]
    public void A_bad_cell_is_refused_at_row_2_and_its_column()
    {
        var figures = Figures.FromSample("cam-thanh-2023.json", ("tongSoHo", "nhiều"));
        var column = figures.Cells.ToList().FindIndex(c => c.Key == "tongSoHo") + 1;

        var read = () => TypedCommune.Read(figures, Set);

        var problem = read.Should().Throw<InputException>().Which.Problems.Should().ContainSingle().Subject;
        problem.ToString().Should().StartWith($"bieu-mau.csv(2,{column}): error: tongSoHo: ").And.Contain("\"nhiều\"");
    }

    [Fact]
    public void A_column_the_set_does_not_use_is_a_warning_and_nothing_typed_is_no_commune()
    {
        TypedCommune.Read(Figures.FromSample("cam-thanh-2023.json", ("khac", "1")), Set).Warnings
            .Should().ContainSingle().Which.Message.Should().Contain("khac");
        var empty = new TypedFigures("f.csv", [KeyValuePair.Create("name", ""), KeyValuePair.Create("region", ""), KeyValuePair.Create("year", "")]);
        var read = () => TypedCommune.Read(empty, Set);
        read.Should().Throw<InputException>().Which.Problems.Should().Equal(new Problem(Severity.Error, "the file holds no commune (no row after the header)", "f.csv"));
    }
}
