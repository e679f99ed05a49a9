using System.Globalization;

namespace Pbr.TestKit.Fuzzing;

/// <summary>
/// The switches of every fuzz test: <c>PBR_FUZZ_CASES</c> (cases per target; unset gives the small
/// fixed set CI runs), <c>PBR_FUZZ_SEED</c> (the seed; every failure prints it) and
/// <c>PBR_FUZZ_CASE</c> (run that one case only, to replay a failure).
/// </summary>
public static class FuzzSettings
{
    /// <summary>The seed when <c>PBR_FUZZ_SEED</c> is unset.</summary>
    public const int DefaultSeed = 20261125;

    /// <summary>Cases per target in CI, when <c>PBR_FUZZ_CASES</c> is unset.</summary>
    public const int CiCases = 400;

    /// <summary>Gets the number of cases per target.</summary>
    public static int Cases => Read("PBR_FUZZ_CASES") ?? CiCases;

    /// <summary>Gets the seed.</summary>
    public static int Seed => Read("PBR_FUZZ_SEED") ?? DefaultSeed;

    /// <summary>Gets the one case to run, or null for all.</summary>
    public static int? OnlyCase => Read("PBR_FUZZ_CASE");

    /// <summary>Gets a value indicating whether the long run was asked for (more cases than CI's).</summary>
    public static bool IsLongRun => Cases > CiCases;

    private static int? Read(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : null;
}
