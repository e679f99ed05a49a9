using Pbr.Core.Model;
using NodaTime;

namespace Pbr.TestKit.Reference;

/// <summary>
/// The one rule both reference models share: a run known at K sees, for each evidence id, the
/// version with the latest <c>recorded_on</c> that is on or before K.
/// </summary>
public static class KnownEvidence
{
    /// <summary>Returns the version in force at <paramref name="knownAt"/> for each evidence id of the given kind.</summary>
    /// <exception cref="ArgumentException">Two versions of one id share a <c>recorded_on</c>: the importer refuses that.</exception>
    public static IReadOnlyList<EvidenceVersion> AsKnownAt(IEnumerable<EvidenceVersion> evidence, string kind, LocalDate knownAt)
    {
        var latest = new Dictionary<string, EvidenceVersion>(StringComparer.Ordinal);
        foreach (var version in evidence)
        {
            if (version.Kind != kind || version.RecordedOn > knownAt)
            {
                continue;
            }

            if (!latest.TryGetValue(version.Id.Value, out var current) || version.RecordedOn > current.RecordedOn)
            {
                latest[version.Id.Value] = version;
            }
            else if (version.RecordedOn == current.RecordedOn && version != current)
            {
                throw new ArgumentException($"Evidence {version.Id} has two different versions recorded on {version.RecordedOn:yyyy-MM-dd}.", nameof(evidence));
            }
        }

        return [.. latest.Values.OrderBy(v => v.Id.Value, StringComparer.Ordinal)];
    }

    /// <summary>Rounds pence half away from zero, the rounding both reference schemes declare.</summary>
    public static long RoundHalfAwayFromZero(decimal pence) => decimal.ToInt64(Math.Round(pence, 0, MidpointRounding.AwayFromZero));
}
