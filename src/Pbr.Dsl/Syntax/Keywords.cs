using System.Collections.Frozen;

namespace Pbr.Dsl.Syntax;

/// <summary>The reserved words of language version 1. A name cannot be one of these.</summary>
public static class Keywords
{
    /// <summary>Gets every reserved word.</summary>
    public static FrozenSet<string> All { get; } = new[]
    {
        "pbr", "scheme", "contract", "test", "end",
        "rounding", "attribute", "evidence", "spell", "event", "term", "one", "of",
        "table", "by", "effective", "on", "hit", "unique", "columns", "from", "until", "to",
        "taper", "financial_year", "outcome", "due", "start", "when", "pay", "rounded",
        "cumulative", "continuous", "reaches", "within", "every", "after", "at", "most", "times",
        "cohort", "quarterly", "counts", "occurring", "recorded", "settles", "quarter",
        "cap", "per", "participant", "participants", "in", "order",
        "provider", "starts", "ends", "discount", "as", "known", "expect", "problem", "no", "lines", "for",
        "and", "or", "not", "true", "false", "days", "weeks", "with",
        "verified", "pending", "rejected", "revoked",
    }.ToFrozenSet(StringComparer.Ordinal);
}
