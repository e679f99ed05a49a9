using BenchmarkDotNet.Attributes;
using Pbr.Dsl;
using Pbr.Dsl.Text;

namespace Pbr.Benchmarks;

/// <summary>Compile time of the Work Programme sample tariff (parse, bind, check, compile to delegates).</summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private string _path = null!;
    private string _text = null!;
    private long _counter;

    /// <summary>Reads the sample tariff.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(AppContext.BaseDirectory, "work-programme.pbr");
        _text = File.ReadAllText(_path);
    }

    /// <summary>
    /// Compiles the tariff. TariffCompiler caches by the sources' SHA-256, so each call appends a
    /// different comment line: the text hashes differently and is compiled from scratch.
    /// </summary>
    [Benchmark]
    public TariffCompilation CompileWorkProgramme()
    {
        _counter++;
        var text = _text + "\n# " + _counter.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n";
        return TariffCompiler.Compile([new SourceFile(_path, text)]);
    }
}
