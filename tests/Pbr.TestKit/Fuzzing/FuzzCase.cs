namespace Pbr.TestKit.Fuzzing;

/// <summary>One generated input: which target, seed and case made it, and with which mutation.</summary>
/// <param name="Target">What is fuzzed, e.g. <c>participants</c>.</param>
/// <param name="Seed">The run's seed (<c>PBR_FUZZ_SEED</c>).</param>
/// <param name="Index">The case number (<c>PBR_FUZZ_CASE</c> replays it alone).</param>
/// <param name="Mutation">The mutation applied.</param>
/// <param name="Original">The valid input the mutation started from.</param>
/// <param name="Input">The mutated bytes.</param>
public sealed record FuzzCase(string Target, int Seed, int Index, Mutation Mutation, byte[] Original, byte[] Input)
{
    /// <summary>Gets how to replay this case.</summary>
    public string Label => $"{Target}: PBR_FUZZ_SEED={Seed} PBR_FUZZ_CASE={Index} (mutation {Mutation.Name}, {Input.Length} bytes)";

    /// <summary>Gets a short preview of the input, for a failure message.</summary>
    public string Preview => Convert.ToHexString(Input, 0, Math.Min(Input.Length, 160));
}
