using FsCheck;
using FsCheck.Fluent;

namespace Pbr.TestKit.Reference;

/// <summary>The generators as FsCheck arbitraries, for <c>[Property(Arbitrary = [typeof(TimelineArbitraries)])]</c>.</summary>
public static class TimelineArbitraries
{
    public static Arbitrary<WorkProgrammeCase> WorkProgrammeCases() => TimelineGen.WorkProgrammeCase.ToArbitrary();

    public static Arbitrary<ReoffendingCohortCase> ReoffendingCohortCases() => TimelineGen.ReoffendingCohortCase.ToArbitrary();
}
