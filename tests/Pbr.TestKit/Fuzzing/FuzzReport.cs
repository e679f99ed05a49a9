using System.Globalization;
using System.Text;

namespace Pbr.TestKit.Fuzzing;

/// <summary>The figures of one campaign: cases per mutation and per outcome, and the slowest case.</summary>
public sealed class FuzzReport(string target, int seed)
{
    private readonly SortedDictionary<string, int> _byMutation = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _byOutcome = new(StringComparer.Ordinal);

    /// <summary>Gets the number of cases run.</summary>
    public int Cases { get; private set; }

    /// <summary>Gets the time of the slowest case.</summary>
    public TimeSpan Slowest { get; private set; }

    /// <summary>Gets the label of the slowest case, to replay it.</summary>
    public string SlowestCase { get; private set; } = string.Empty;

    /// <summary>Gets the time of all cases together.</summary>
    public TimeSpan Total { get; private set; }

    /// <summary>Gets the number of cases per outcome.</summary>
    public IReadOnlyDictionary<string, int> ByOutcome => _byOutcome;

    /// <summary>Gets the number of cases per mutation.</summary>
    public IReadOnlyDictionary<string, int> ByMutation => _byMutation;

    internal void Add(FuzzCase fuzzCase, string outcome, TimeSpan elapsed)
    {
        var mutation = fuzzCase.Mutation.Name;
        Cases++;
        Total += elapsed;
        if (elapsed > Slowest)
        {
            (Slowest, SlowestCase) = (elapsed, $"case {fuzzCase.Index}, {mutation}");
        }

        _byMutation[mutation] = _byMutation.GetValueOrDefault(mutation) + 1;
        _byOutcome[outcome] = _byOutcome.GetValueOrDefault(outcome) + 1;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"fuzz {target}: {Cases:N0} cases, seed {seed}, {Total.TotalSeconds:0.0} s, slowest {Slowest.TotalMilliseconds:0} ms ({SlowestCase}); outcomes: ");
        text.AppendJoin(", ", _byOutcome.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key} {o.Value:N0}")));
        return text.ToString();
    }
}
