namespace Pbr.Engine.Generation;

/// <summary>What a generation wrote: rows per file.</summary>
public sealed record GenerationSummary(long Participants, long EvidenceRows);
