namespace Pbr.TestKit.Fuzzing;

/// <summary>One named way of damaging (or harmlessly re-encoding) an input.</summary>
/// <param name="Name">The strategy's name, printed with every failure.</param>
/// <param name="PreservesCsv">
/// True when a CSV reader must read the result exactly as it read the original (a byte order mark,
/// CRLF line ends, every field quoted): the fuzz tests then compare the rows, not just survival.
/// </param>
/// <param name="Apply">Makes the mutated bytes from a valid input and the case's random source.</param>
public sealed record Mutation(string Name, bool PreservesCsv, Func<byte[], Random, byte[]> Apply)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
