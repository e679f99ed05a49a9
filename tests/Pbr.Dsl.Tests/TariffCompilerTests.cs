using Pbr.Core;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Tests;

public sealed class TariffCompilerTests
{
    private const string Scheme = """
        pbr 1
        scheme tiny
          rounding half_away_from_zero
          outcome joined
            due on start
            pay £25.00
          end
        end
        """;

    private const string Contract = """
        pbr 1
        contract "T-1"
          scheme tiny
          provider "Tiny Ltd"
          starts 2020-01-01
          ends 2020-12-31
          discount 10%
        end
        """;

    [Test]
    public void Compile_ContractNamingASchemeInAnotherFile_BindsAcrossFiles()
    {
        var compilation = TariffCompiler.Compile([new SourceFile("b-contract.pbr", Contract), new SourceFile("a-scheme.pbr", Scheme)]);

        Assert.That(compilation.Diagnostics, Is.Empty, compilation.Render());
        Assert.That(compilation.Contracts.Single().Scheme, Is.EqualTo(new SchemeId("tiny")));
        Assert.That(compilation.SourceSha256(new ContractId("T-1")), Is.EqualTo(TariffCompiler.Sha256Hex(Contract)));
        Assert.That(compilation.SourceSha256(new SchemeId("tiny")), Is.EqualTo(TariffCompiler.Sha256Hex(Scheme)));
        Assert.That(compilation.Render(), Is.EqualTo("2 files checked: 0 errors, 0 warnings\n"));
    }

    [Test]
    public void Compile_ContractAlone_ReportsTheUnknownScheme()
    {
        var compilation = TariffCompiler.Compile([new SourceFile("b-contract.pbr", Contract)]);

        Assert.That(compilation.HasErrors, Is.True);
        Assert.That(compilation.Diagnostics.Single().Headline, Is.EqualTo("b-contract.pbr(3,10): error PBR4001: scheme 'tiny' is not declared in any of the sources"));
        Assert.That(compilation.Schemes, Is.Empty);
        Assert.That(compilation.Contracts, Is.Empty);
        Assert.That(compilation.RunTests().Cases, Is.Empty);
        Assert.Throws<KeyNotFoundException>(() => compilation.Scheme(new SchemeId("tiny")));
    }

    [Test]
    public void Compile_ErrorsInTwoFiles_AreReportedTogetherInFileOrder()
    {
        var compilation = TariffCompiler.Compile(
        [
            new SourceFile("z.pbr", "pbr 1\nscheme z\nend\n"),
            new SourceFile("a.pbr", "pbr 2\n"),
        ]);

        Assert.That(compilation.Diagnostics.Select(d => d.Headline), Is.EqualTo(new[]
        {
            "a.pbr(1,5): error PBR1102: language version 2 is not supported (this compiler reads 'pbr 1')",
            "z.pbr(2,8): error PBR2009: scheme 'z' declares no rounding; every amount must be rounded by a declared rule, e.g. 'rounding half_away_from_zero'",
        }));
    }

    [Test]
    public void Sha256Hex_Text_IsLowercaseHexOfTheUtf8Bytes()
    {
        // SHA-256 of the UTF-8 bytes of "abc", a published test vector.
        Assert.That(TariffCompiler.Sha256Hex("abc"), Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }
}
