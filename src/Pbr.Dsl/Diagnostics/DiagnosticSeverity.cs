namespace Pbr.Dsl.Diagnostics;

/// <summary>How serious a diagnostic is. Any error stops a source from being published or evaluated.</summary>
public enum DiagnosticSeverity
{
    Warning,
    Error,
}
