using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed record BoundEvidenceKind(string Name, EvidenceShape Shape, ImmutableArray<BoundAttribute> Attributes, TextSpan Span);
