namespace Pbr.Dsl.Compilation;

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
