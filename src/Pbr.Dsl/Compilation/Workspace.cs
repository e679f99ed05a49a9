using Pbr.Core.Model;

namespace Pbr.Dsl.Compilation;

/// <summary>
/// Scratch space for pricing participants, one per thread and scheme, so that pricing a
/// participant allocates only what it returns. Evaluation never calls out, so it is not re-entered.
/// </summary>
internal sealed class Workspace
{
    // A few per thread, so that a thread pricing several schemes in turn does not rebuild them.
    private const int PerThread = 4;

    [ThreadStatic]
    private static Workspace?[]? t_recent;

    [ThreadStatic]
    private static int t_next;

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

    /// <summary>Gets scratch space for the spells a line rests on.</summary>
    public List<EvidenceVersion> Spells { get; } = [];

    /// <summary>Gets the spells the last line's evidence ids were taken from (see <see cref="LastEvidenceIds"/>).</summary>
    public List<EvidenceVersion> LastSpells { get; } = [];

    /// <summary>Gets or sets the evidence ids of the last line priced on this workspace, taken from <see cref="LastSpells"/>.</summary>
    public System.Collections.Immutable.ImmutableArray<Pbr.Core.EvidenceId> LastEvidenceIds { get; set; } = [];

    /// <summary>Gets the explanation steps of the evidence already described for this participant.</summary>
    public Dictionary<EvidenceVersion, ExplanationStep> EvidenceSteps { get; } = new(ReferenceEqualityComparer.Instance);

    public static Workspace For(CompiledScheme scheme, int slots, int tables, int tapers, int kinds, int outcomes)
    {
        var recent = t_recent ??= new Workspace?[PerThread];
        Workspace? current = null;
        foreach (var w in recent)
        {
            if (w is not null && ReferenceEquals(w.Owner, scheme))
            {
                current = w;
                break;
            }
        }

        if (current is null)
        {
            current = new Workspace(scheme, slots, tables, tapers, kinds, outcomes);
            recent[t_next] = current;
            t_next = (t_next + 1) % PerThread;
        }

        current.Selected.Clear();
        current.Lines.Clear();
        current.EvidenceSteps.Clear();
        Array.Clear(current.TimelineBuilt);
        Array.Fill(current.FirstDue, -1);
        return current;
    }
}
