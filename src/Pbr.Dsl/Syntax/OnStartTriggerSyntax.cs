using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>due on start</c>: on the participant's start date.</summary>
public sealed record OnStartTriggerSyntax(TextSpan Span) : TriggerSyntax(Span);
