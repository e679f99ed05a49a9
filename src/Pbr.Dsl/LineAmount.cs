using NodaTime;

namespace Pbr.Dsl;

/// <summary>The figures of one payable line without its explanation: outcome, instalment, pence, due date.</summary>
public readonly record struct LineAmount(string Outcome, int Instalment, long Pence, LocalDate DueDate);
