namespace Pbr.Core.Model;

/// <summary>The status of one version of a piece of evidence. Only verified evidence can earn money.</summary>
public enum EvidenceStatus
{
    Verified,
    Pending,
    Rejected,
    Revoked,
}
