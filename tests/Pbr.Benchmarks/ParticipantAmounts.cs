using Pbr.Dsl;

namespace Pbr.Benchmarks;

/// <summary>One participant priced by PbrEngine and by the RulesEngine workflow and glue.</summary>
/// <param name="Case">The participant and its evidence.</param>
/// <param name="Engine">PbrEngine's lines or problems.</param>
/// <param name="RulesEnginePence">The RulesEngine total; null when the engine reported a problem.</param>
public sealed record ParticipantAmounts(WorkProgrammeData.Case Case, EvaluationResult Engine, long? RulesEnginePence)
{
    /// <summary>Gets the total of PbrEngine's lines in pence.</summary>
    public long EnginePence => Engine.Lines.Sum(l => l.Amount.Pence);

    /// <summary>Gets a value indicating whether the engine found no problem and both totals are equal.</summary>
    public bool Agree => Engine.Problems.IsEmpty && EnginePence == RulesEnginePence;

    /// <inheritdoc/>
    public override string ToString() => Engine.Problems.IsEmpty
        ? $"{Case.Contract.Id}/{Case.Participant.Id}: engine {EnginePence}p, RulesEngine {RulesEnginePence}p"
        : $"{Case.Contract.Id}/{Case.Participant.Id}: engine problem {Engine.Problems[0].Message}";
}
