namespace Pbr.Dsl.Binding;

/// <summary>Which names an expression may read, by where it is written.</summary>
internal enum NameContext
{
    /// <summary>Table cells, taper steps, contract values: literals only.</summary>
    Constant,

    /// <summary>Caps: literals and the contract's terms.</summary>
    Terms,

    /// <summary>Participant outcomes: the start date, attributes, table columns, tapers and terms.</summary>
    Participant,

    /// <summary>Cohort outcomes: terms and the cohort measures.</summary>
    Cohort,
}
