using Pbr.Core.Model;

namespace Pbr.Dsl.Compilation;

/// <summary>
/// Scratch space for pricing participants, one per thread and scheme, so that pricing a
/// participant allocates only what it returns. Evaluation never calls out, so it is not re-entered.
/// </summary>
internal sealed class Workspace
{
    [ThreadStatic]
    private static Workspace? t_current;

    private Workspace(CompiledScheme owner, int slots, int tables, int tapers, int kinds, int outcomes)
    {
        Owner = owner;
        Frame = new object?[slots];
        Rows = new CompiledTable.Row?[tables];
        Steps = new CompiledTaper.Step?[tapers];
        Timelines = new SpellTimeline[kinds];
        for (var i = 0; i < kinds; i++)
        {
            Timelines[i] = new SpellTimeline();
        }

        TimelineBuilt = new bool[kinds];
        FirstDue = new int[outcomes];
    }

    public CompiledScheme Owner { get; }

    public object?[] Frame { get; }

    public CompiledTable.Row?[] Rows { get; }

    public CompiledTaper.Step?[] Steps { get; }

    public SpellTimeline[] Timelines { get; }

    public bool[] TimelineBuilt { get; }

    /// <summary>Gets the first due day of each outcome (declaration index), or -1.</summary>
    public int[] FirstDue { get; }

    public List<EvidenceVersion> Selected { get; } = [];

    public List<RawLine> Lines { get; } = [];

    public List<(int Start, int Due)> Blocks { get; } = [];

    /// <summary>Gets the explanation steps of the evidence already described for this participant.</summary>
    public Dictionary<EvidenceVersion, ExplanationStep> EvidenceSteps { get; } = new(ReferenceEqualityComparer.Instance);

    public static Workspace For(CompiledScheme scheme, int slots, int tables, int tapers, int kinds, int outcomes)
    {
        var current = t_current;
        if (current is null || !ReferenceEquals(current.Owner, scheme))
        {
            current = new Workspace(scheme, slots, tables, tapers, kinds, outcomes);
            t_current = current;
        }

        current.Selected.Clear();
        current.Lines.Clear();
        current.EvidenceSteps.Clear();
        Array.Clear(current.TimelineBuilt);
        Array.Fill(current.FirstDue, -1);
        return current;
    }
}

/// <summary>A line as priced, before its explanation is written: the figures and what the trigger found.</summary>
internal struct RawLine
{
    public int Outcome;
    public int Instalment;
    public int Due;
    public int From;
    public decimal Fee;
    public decimal Unrounded;
    public long Pence;
    public long Threshold;
    public long Limit;
    public int AfterDue;
    public long CutFromPence;
    public int CapIndex;
    public long CapLimit;
}
