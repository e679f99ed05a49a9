using System.Collections.Immutable;
using Pbr.Core.Model;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

/// <summary>A contract after binding: its terms and the values it gives its scheme's terms, by slot.</summary>
internal sealed record BoundContract(ContractTerms Terms, BoundScheme Scheme, ImmutableArray<(int Slot, object Value)> TermValues, SourceFile File, TextSpan Span);
