using NodaTime;

namespace Pbr.TestKit.Reference;

/// <summary>
/// One payable line as a reference model computes it: the outcome, its instalment number, the
/// amount in pence after discount and rounding, and the day it fell due.
/// </summary>
public sealed record ModelLine(string Outcome, int Instalment, long Pence, LocalDate DueDate);
