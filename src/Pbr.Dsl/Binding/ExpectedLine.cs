using NodaTime;

namespace Pbr.Dsl.Binding;

/// <summary>A line a test expects: outcome, instalment, amount in pence and due date, and where the expectation is written.</summary>
internal sealed record ExpectedLine(string Outcome, int Instalment, long Pence, LocalDate Due, string? Location = null);
