using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>A table column read for the participant, e.g. <c>fees.job_outcome</c>.</summary>
public sealed record MemberExpressionSyntax(TextSpan Span, NameSyntax Target, NameSyntax Member) : ExpressionSyntax(Span);
