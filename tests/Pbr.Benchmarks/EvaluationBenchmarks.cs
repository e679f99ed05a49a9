using BenchmarkDotNet.Attributes;
using Pbr.Benchmarks.Peers;

namespace Pbr.Benchmarks;

/// <summary>
/// Work Programme evaluation per participant on in-memory data: the compiled tariff against the same
/// tariff in Microsoft RulesEngine 6.0.1, on the same generated participants. One operation is one
/// participant-evaluation, so BenchmarkDotNet's mean is the time per participant on one core.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private const int Participants = 10_000;
    private WorkProgrammeData _data = null!;
    private RulesEngineTariff _rulesEngine = null!;

    /// <summary>Generates the participants and checks that both implementations agree before timing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = WorkProgrammeData.Create(Participants, seed: 42);
        _rulesEngine = new RulesEngineTariff();
        Equivalence.Check(_data, _rulesEngine);
    }

    /// <summary>The compiled tariff, through <c>ISchemeRules.EvaluateParticipant</c>.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Participants)]
    public long PbrEngine()
    {
        var asOf = WorkProgrammeData.AsOf;
        var lines = 0L;
        foreach (var c in _data.Cases)
        {
            lines += _data.Scheme.EvaluateParticipant(c.Contract, c.Participant, c.Evidence, asOf, asOf).Lines.Length;
        }

        return lines;
    }

    /// <summary>
    /// The compiled tariff as a settlement prices it: the same lines, evidence ids and rules, without
    /// explanations (<c>ISchemeRules.EvaluateParticipantUnexplained</c>).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Participants)]
    public long PbrEngineUnexplained()
    {
        var asOf = WorkProgrammeData.AsOf;
        var lines = 0L;
        foreach (var c in _data.Cases)
        {
            lines += _data.Scheme.EvaluateParticipantUnexplained(c.Contract, c.Participant, c.Evidence, asOf, asOf).Lines.Length;
        }

        return lines;
    }

    /// <summary>The same tariff as a RulesEngine workflow plus glue.</summary>
    [Benchmark(OperationsPerInvoke = Participants)]
    public long RulesEngine()
    {
        var asOf = WorkProgrammeData.AsOf;
        var total = 0L;
        foreach (var c in _data.Cases)
        {
            total += _rulesEngine.TotalPence(c.Contract, c.Participant, c.Evidence, asOf, asOf);
        }

        return total;
    }
}
