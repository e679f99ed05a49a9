using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Engine;

/// <summary>The file and database spelling of <see cref="EvidenceStatus"/>: lowercase words.</summary>
public static class EvidenceStatusText
{
    /// <summary>Formats a status as <c>verified</c>, <c>pending</c>, <c>rejected</c> or <c>revoked</c>.</summary>
    public static string Format(EvidenceStatus status) => status switch
    {
        EvidenceStatus.Verified => "verified",
        EvidenceStatus.Pending => "pending",
        EvidenceStatus.Rejected => "rejected",
        EvidenceStatus.Revoked => "revoked",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not an evidence status"),
    };

    /// <summary>Parses the lowercase spelling; anything else is an error naming the allowed words.</summary>
    public static ParseResult<EvidenceStatus> Parse(string? text) => text switch
    {
        "verified" => ParseResult<EvidenceStatus>.Ok(EvidenceStatus.Verified),
        "pending" => ParseResult<EvidenceStatus>.Ok(EvidenceStatus.Pending),
        "rejected" => ParseResult<EvidenceStatus>.Ok(EvidenceStatus.Rejected),
        "revoked" => ParseResult<EvidenceStatus>.Ok(EvidenceStatus.Revoked),
        _ => ParseResult<EvidenceStatus>.Fail($"'{text}' is not a status (expected verified, pending, rejected or revoked)"),
    };
}
