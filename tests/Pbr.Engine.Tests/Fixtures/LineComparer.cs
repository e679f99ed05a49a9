using Pbr.Engine.Settlement;

namespace Pbr.Engine.Tests.Fixtures;

/// <summary>Compares posting lines field by field (the evidence ids by content, not by array identity).</summary>
public sealed class LineComparer : IEqualityComparer<PostingLine>
{
    public static readonly LineComparer Instance = new();

    public bool Equals(PostingLine? x, PostingLine? y) =>
        x is not null && y is not null
        && x.Key == y.Key && x.Provider == y.Provider && x.Kind == y.Kind && x.Amount == y.Amount && x.DueDate == y.DueDate
        && x.TariffSha256 == y.TariffSha256 && x.Rule == y.Rule && x.EvidenceIds.SequenceEqual(y.EvidenceIds) && x.Hash == y.Hash;

    public int GetHashCode(PostingLine obj) => obj.Hash.GetHashCode(StringComparison.Ordinal);
}
