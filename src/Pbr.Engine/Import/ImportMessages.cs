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

    public static ImportMessage EmptyFile(IEnumerable<string> expectedColumns) =>
        new("PBR5001", $"the file is empty; expected a header row with the columns {string.Join(", ", expectedColumns)}");

    public static ImportMessage MissingColumn(string column, string why) =>
        new("PBR5002", $"missing column '{column}', which {why}");

    public static ImportMessage UnknownColumn(string column, string? suggestion) =>
        new("PBR5003", suggestion is null
            ? $"unknown column '{Echo(column)}'; no scheme of the contracts being imported declares it"
            : $"unknown column '{Echo(column)}'; did you mean '{suggestion}'?");

    public static ImportMessage DuplicateColumn(string column, int firstColumn) =>
        new("PBR5004", $"column '{Echo(column)}' appears twice; it is already column {firstColumn}");

    public static ImportMessage InvalidUtf8() =>
        new("PBR5005", "the field is not valid UTF-8; save the file as UTF-8");

    public static ImportMessage FieldCount(int found, int expected) =>
        new("PBR5006", $"the record has {found} fields but the header has {expected}");

    public static ImportMessage MalformedQuoting(string reason) =>
        new("PBR5007", $"malformed quoting: {reason}; a field with a comma, quote or line break must be enclosed in double quotes, with quotes inside doubled");

    public static ImportMessage FieldTooLong(string column, int length) =>
        new("PBR5008", string.Create(CultureInfo.InvariantCulture, $"{column} is {length:N0} characters long; at most {MaxFieldLength:N0} are accepted"));

    public static ImportMessage Unreadable(string reason) =>
        new("PBR5009", $"the file cannot be read past this point: {reason}");

    public static ImportMessage BadId(string column, string reason) =>
        new("PBR5010", $"{column}: {reason}");

    public static ImportMessage UnknownContract(string contract, IEnumerable<string> known) =>
        new("PBR5011", $"unknown contract '{Echo(contract)}' (known: {string.Join(", ", known)})");

    public static ImportMessage BadDate(string column, string value) =>
        new("PBR5012", $"{column} '{Echo(value)}' is not a date of the form yyyy-MM-dd");

    public static ImportMessage StartOutsideContract(LocalDate start, string contract, LocalDate from, LocalDate to) =>
        new("PBR5013", $"start_date {Iso(start)} is outside the dates contract {contract} accepts ({Iso(from)} to {Iso(to)})");

    public static ImportMessage BadAttributeValue(string column, string value, string expected) =>
        new("PBR5014", $"{column} '{Echo(value)}' is not {expected}");

    public static ImportMessage ValueRequired(string column) =>
        new("PBR5015", $"{column} is required and is empty");

    public static ImportMessage AttributeNotDeclared(string column, string scheme) =>
        new("PBR5016", $"{column} must be empty here: scheme {scheme} does not declare it for this row");

    public static ImportMessage UnknownKind(string kind, string scheme, IEnumerable<string> declared) =>
        new("PBR5020", $"unknown evidence kind '{Echo(kind)}'; scheme {scheme} declares {string.Join(", ", declared)}");

    public static ImportMessage BadStatus(string status) =>
        new("PBR5021", $"status '{Echo(status)}' is not one of verified, pending, rejected, revoked");

    public static ImportMessage EndBeforeStart(LocalDate end, LocalDate start) =>
        new("PBR5022", $"end_date {Iso(end)} is before start_date {Iso(start)}");

    public static ImportMessage EndDateOnEvent(string kind) =>
        new("PBR5023", $"end_date must be empty: '{kind}' is an event, which has a single date");

    public static ImportMessage UnknownParticipant(string participant, string contract) =>
        new("PBR5024", $"participant '{participant}' is not known on contract {contract}; import the participants first");

    public static ImportMessage DuplicateParticipant(string participant, string contract, int firstLine) =>
        new("PBR5030", string.Create(CultureInfo.InvariantCulture, $"participant '{participant}' of contract {contract} is already on line {firstLine} with different values"));

    public static ImportMessage EvidenceConflict(string evidence, LocalDate recordedOn, int firstLine) =>
        new("PBR5031", string.Create(CultureInfo.InvariantCulture, $"evidence '{evidence}' recorded on {Iso(recordedOn)} is already on line {firstLine} with different values; a correction needs a later recorded_on"));

    internal static string Echo(string value) =>
        value.Length <= EchoLength ? value : string.Concat(value.AsSpan(0, EchoLength), "…");

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
