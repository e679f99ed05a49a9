namespace Pbr.Core;

// Typed identifiers: a participant id can never be passed where a contract id is expected.
// Ordinal comparison everywhere, so that sorting and hashing are the same on every machine.

/// <summary>Identifies a contract, e.g. <c>WP-CPA1-ALPHA</c>.</summary>
public readonly record struct ContractId(string Value) : IComparable<ContractId>
{
    public int CompareTo(ContractId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}

/// <summary>Identifies a participant within a contract.</summary>
public readonly record struct ParticipantId(string Value) : IComparable<ParticipantId>
{
    /// <summary>Gets the longest id accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>Checks the id is 1 to 64 characters of <c>[A-Za-z0-9_-]</c>.</summary>
    public static ParseResult<ParticipantId> Parse(string? text) =>
        IdText.Check(text, MaxLength) is { } error
            ? ParseResult<ParticipantId>.Fail(error)
            : ParseResult<ParticipantId>.Ok(new ParticipantId(text!));

    public int CompareTo(ParticipantId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}

/// <summary>Identifies a piece of outcome evidence across its versions.</summary>
public readonly record struct EvidenceId(string Value) : IComparable<EvidenceId>
{
    /// <summary>Gets the longest id accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>Checks the id is 1 to 64 characters of <c>[A-Za-z0-9_-]</c>.</summary>
    public static ParseResult<EvidenceId> Parse(string? text) =>
        IdText.Check(text, MaxLength) is { } error
            ? ParseResult<EvidenceId>.Fail(error)
            : ParseResult<EvidenceId>.Ok(new EvidenceId(text!));

    public int CompareTo(EvidenceId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}

/// <summary>Identifies a provider, e.g. <c>Alpha Employment Ltd</c>.</summary>
public readonly record struct ProviderId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>Identifies a scheme (a tariff), e.g. <c>work_programme</c>.</summary>
public readonly record struct SchemeId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>Identifies a settlement run in the ledger.</summary>
public readonly record struct RunId(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal static class IdText
{
    public static string? Check(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "an id is required";
        }

        if (text.Length > maxLength)
        {
            return $"an id has at most {maxLength} characters, this one has {text.Length}";
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return $"'{text}' has a character other than A-Z, a-z, 0-9, '_' or '-'";
            }
        }

        return null;
    }
}
