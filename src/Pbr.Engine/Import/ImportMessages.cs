using System.Globalization;
using NodaTime;

namespace Pbr.Engine.Import;

/// <summary>
/// The one home of every import diagnostic: its id and its words. Ids are stable (tests, logs
/// and users' scripts depend on them); the range PBR5xxx belongs to the importers.
/// </summary>
public static class ImportMessages
{
    /// <summary>The longest field accepted, in characters; an id is limited further, to 64.</summary>
    public const int MaxFieldLength = 1000;

    // Values are quoted back to the user, but never at length: a 10,000-character field would
    // drown the message (and could be personal data).
    private const int EchoLength = 40;

    /// <summary>PBR5001: the file has no header row (nothing, or only empty lines).</summary>
    public static ImportMessage EmptyFile(IEnumerable<string> expectedColumns) =>
        new("PBR5001", $"the file is empty; expected a header row with the columns {string.Join(", ", expectedColumns)}");

    /// <summary>PBR5002: a column the file format or a scheme requires is not in the header.</summary>
    public static ImportMessage MissingColumn(string column, string why) =>
        new("PBR5002", $"missing column '{column}', which {why}");

    /// <summary>PBR5003: a header column that neither the file format nor any scheme declares.</summary>
    public static ImportMessage UnknownColumn(string column, string? suggestion) =>
        new("PBR5003", suggestion is null
            ? $"unknown column '{Echo(column)}'; no scheme of the contracts being imported declares it"
            : $"unknown column '{Echo(column)}'; did you mean '{suggestion}'?");

    /// <summary>PBR5004: a column name that appears twice in the header.</summary>
    public static ImportMessage DuplicateColumn(string column, int firstColumn) =>
        new("PBR5004", $"column '{Echo(column)}' appears twice; it is already column {firstColumn}");

    /// <summary>PBR5005: a field whose bytes are not UTF-8.</summary>
    public static ImportMessage InvalidUtf8() =>
        new("PBR5005", "the field is not valid UTF-8; save the file as UTF-8");

    /// <summary>PBR5005: a header of UTF-16 text without a byte order mark.</summary>
    public static ImportMessage LooksLikeUtf16() =>
        new("PBR5005", "the file is not UTF-8: its header is full of NUL characters, as UTF-16 text is; save the file as UTF-8");

    /// <summary>PBR5006: a record with more or fewer fields than the header.</summary>
    public static ImportMessage FieldCount(int found, int expected) =>
        new("PBR5006", $"the record has {found} fields but the header has {expected}");

    /// <summary>PBR5007: a record that breaks RFC 4180 quoting.</summary>
    public static ImportMessage MalformedQuoting(string reason) =>
        new("PBR5007", $"malformed quoting: {reason}; a field with a comma, quote or line break must be enclosed in double quotes, with quotes inside doubled");

    /// <summary>PBR5008: a field longer than any valid value.</summary>
    public static ImportMessage FieldTooLong(string column, int length) =>
        new("PBR5008", string.Create(CultureInfo.InvariantCulture, $"{column} is {length:N0} characters long; at most {MaxFieldLength:N0} are accepted"));

    /// <summary>PBR5009: input that cannot be read further, such as a record too large to hold.</summary>
    public static ImportMessage Unreadable(string reason) =>
        new("PBR5009", $"the file cannot be read past this point: {reason}");

    /// <summary>PBR5010: an id that is empty, too long or has a character outside <c>[A-Za-z0-9_-]</c>.</summary>
    public static ImportMessage BadId(string column, string reason) =>
        new("PBR5010", $"{column}: {reason}");

    /// <summary>PBR5011: a contract the catalog does not have.</summary>
    public static ImportMessage UnknownContract(string contract, IEnumerable<string> known) =>
        new("PBR5011", $"unknown contract '{Echo(contract)}' (known: {string.Join(", ", known)})");

    /// <summary>PBR5012: a date not of the form <c>yyyy-MM-dd</c>, or no such day.</summary>
    public static ImportMessage BadDate(string column, string value) =>
        new("PBR5012", $"{column} '{Echo(value)}' is not a date of the form yyyy-MM-dd");

    /// <summary>PBR5013: a participant start date outside the dates the contract accepts.</summary>
    public static ImportMessage StartOutsideContract(LocalDate start, string contract, LocalDate from, LocalDate to) =>
        new("PBR5013", $"start_date {Iso(start)} is outside the dates contract {contract} accepts ({Iso(from)} to {Iso(to)})");

    /// <summary>PBR5014: an attribute value that does not fit its declared type or enumeration.</summary>
    public static ImportMessage BadAttributeValue(string column, string value, string expected) =>
        new("PBR5014", $"{column} '{Echo(value)}' is not {expected}");

    /// <summary>PBR5015: an empty field that must have a value.</summary>
    public static ImportMessage ValueRequired(string column) =>
        new("PBR5015", $"{column} is required and is empty");

    /// <summary>PBR5016: a value in a column that the row's own scheme does not declare.</summary>
    public static ImportMessage AttributeNotDeclared(string column, string scheme) =>
        new("PBR5016", $"{column} must be empty here: scheme {scheme} does not declare it for this row");

    /// <summary>PBR5017: a field holding the NUL character, which no valid value has and PostgreSQL text cannot store.</summary>
    public static ImportMessage NulCharacter(string column) =>
        new("PBR5017", $"{column} holds a NUL character (U+0000), which no value may contain");

    /// <summary>PBR5020: an evidence kind the contract's scheme does not declare.</summary>
    public static ImportMessage UnknownKind(string kind, string scheme, IEnumerable<string> declared) =>
        new("PBR5020", $"unknown evidence kind '{Echo(kind)}'; scheme {scheme} declares {string.Join(", ", declared)}");

    /// <summary>PBR5021: a status other than verified, pending, rejected or revoked.</summary>
    public static ImportMessage BadStatus(string status) =>
        new("PBR5021", $"status '{Echo(status)}' is not one of verified, pending, rejected, revoked");

    /// <summary>PBR5022: a spell that ends before it starts.</summary>
    public static ImportMessage EndBeforeStart(LocalDate end, LocalDate start) =>
        new("PBR5022", $"end_date {Iso(end)} is before start_date {Iso(start)}");

    /// <summary>PBR5023: an end date on event evidence.</summary>
    public static ImportMessage EndDateOnEvent(string kind) =>
        new("PBR5023", $"end_date must be empty: '{kind}' is an event, which has a single date");

    /// <summary>PBR5024: evidence about a participant not imported on its contract.</summary>
    public static ImportMessage UnknownParticipant(string participant, string contract) =>
        new("PBR5024", $"participant '{participant}' is not known on contract {contract}; import the participants first");

    /// <summary>PBR5030: the same participant twice in a file with different values.</summary>
    public static ImportMessage DuplicateParticipant(string participant, string contract, int firstLine) =>
        new("PBR5030", string.Create(CultureInfo.InvariantCulture, $"participant '{participant}' of contract {contract} is already on line {firstLine} with different values"));

    /// <summary>PBR5031: the same evidence version, (evidence_id, recorded_on), twice with different values.</summary>
    public static ImportMessage EvidenceConflict(string evidence, LocalDate recordedOn, int firstLine) =>
        new("PBR5031", string.Create(CultureInfo.InvariantCulture, $"evidence '{evidence}' recorded on {Iso(recordedOn)} is already on line {firstLine} with different values; a correction needs a later recorded_on"));

    /// <summary>PBR5040: a claim's instalment is not a whole number from 1.</summary>
    public static ImportMessage BadInstalment(string value) =>
        new("PBR5040", $"instalment '{Echo(value)}' is not a whole number from 1");

    /// <summary>PBR5041: a claim's amount is not pounds with at most two decimals.</summary>
    public static ImportMessage BadAmount(string value, string reason) =>
        new("PBR5041", $"amount '{Echo(value)}' is not an amount in pounds: {reason.Replace($"'{value}'", $"'{Echo(value)}'", StringComparison.Ordinal)}");

    /// <summary>PBR5042: the same (participant, outcome, instalment) claimed twice with different values.</summary>
    public static ImportMessage DuplicateClaim(string participant, string outcome, int instalment, int firstLine) =>
        new("PBR5042", string.Create(CultureInfo.InvariantCulture, $"{outcome} {instalment} of participant '{participant}' is already claimed on line {firstLine} with different values"));

    internal static string Echo(string value) =>
        value.Length <= EchoLength ? value : string.Concat(value.AsSpan(0, EchoLength), "…");

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
