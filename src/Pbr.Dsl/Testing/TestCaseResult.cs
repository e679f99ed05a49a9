using System.Collections.Immutable;

namespace Pbr.Dsl.Testing;

/// <summary>One in-language test case: where it is written, whether it passed, and why not.</summary>
/// <param name="Location">Where the case is written, e.g. <c>work-programme.pbr(120,1)</c>.</param>
/// <param name="Failures">Lines describing each difference: expected lines missing, unexpected actual lines, problems.</param>
public sealed record TestCaseResult(string Name, string Location, bool Passed, ImmutableArray<string> Failures);
