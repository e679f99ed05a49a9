using NodaTime;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed record BoundTaperStep(LocalDate? From, LocalDate? Until, decimal Rate, TextSpan Span);
