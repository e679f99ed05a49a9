namespace Pbr.Dsl;

/// <summary>What a cap limits: each participant's lines, each cohort's, or the whole contract's (in all, or per contract year).</summary>
public enum CapScope
{
    Participant,
    Cohort,
    Contract,
    ContractYear,
}
