using NodaTime;
using Pbr.Dsl.Binding;
using Pbr.Dsl.Diagnostics;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Compilation;

/// <summary>Evaluates constant expressions (table cells, taper steps, contract values) at compile time.</summary>
internal static class ConstantEvaluator
{
    public static object Evaluate(BoundExpression expression, DiagnosticBag diagnostics, SourceLocation location)
    {
        if (expression is BoundLiteral literal)
        {
            return literal.Value;
        }

        try
        {
            return ExpressionCompiler.Compile<object>(expression)([]);
        }
        catch (Exception e) when (e is OverflowException or DivideByZeroException)
        {
            diagnostics.ConstantOverflow(location);
            return Zero(expression.Type);
        }
    }

    public static object Zero(PbrType type) => type.Kind switch
    {
        TypeKind.Rate or TypeKind.UnroundedMoney => 0m,
        TypeKind.Bool => false,
        TypeKind.Date => new LocalDate(1, 1, 1),
        TypeKind.Text or TypeKind.Enumeration => string.Empty,
        _ => 0L,
    };
}
