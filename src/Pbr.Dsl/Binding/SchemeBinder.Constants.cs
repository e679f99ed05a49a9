using Pbr.Dsl.Diagnostics;
using Pbr.Dsl.Syntax;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed partial class SchemeBinder
{
    /// <summary>Binds and evaluates a constant outside any scheme, e.g. a value a contract gives.</summary>
    public static object BindStandaloneConstant(SourceFile file, ExpressionSyntax syntax, PbrType expected, DiagnosticBag diagnostics)
    {
        var empty = new SchemeSyntax(default, new NameSyntax(default, string.Empty), []);
        return new SchemeBinder(file, empty, diagnostics).BindConstant(syntax, expected);
    }
}
