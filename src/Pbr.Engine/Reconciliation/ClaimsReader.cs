using System.Globalization;
using Pbr.Core;
using Pbr.Engine.Import;

namespace Pbr.Engine.Reconciliation;

/// <summary>
/// Reads a provider's claims file (<c>participant_id, outcome, instalment, amount, claimed_on</c>) with
/// the importers' CSV checks: every problem with file, line and column, nothing half-read.
/// </summary>
public static class ClaimsReader
{
    /// <summary>Gets the columns a claims file must have, in any order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["participant_id", "outcome", "instalment", "amount", "claimed_on"];

    /// <summary>Reads claims from a stream; <paramref name="fileName"/> names the file in messages.</summary>
    public static ImportResult<Claim> Read(Stream stream, string fileName) =>
        CsvImport.Run<(ParticipantId, string, int), Claim>(
            CsvSource.Read(stream, fileName),
            fileName,
            "claims",
            Columns,
            [],
            Check,
            (a, b) => a == b,
            (key, firstLine) => ("outcome", ImportMessages.DuplicateClaim(key.Item1.Value, key.Item2, key.Item3, firstLine)));

    private static ((ParticipantId, string, int) Key, Claim Value)? Check(RowContext row)
    {
        ParticipantId? participant = null;
        if (row.Required("participant_id") is { } idText)
        {
            var parsed = ParticipantId.Parse(idText);
            if (parsed.Success)
            {
                participant = parsed.Value;
            }
            else
            {
                row.Add("participant_id", ImportMessages.BadId("participant_id", parsed.Error!));
            }
        }

        var outcome = row.Required("outcome");
        int? instalment = null;
        if (row.Required("instalment") is { } instalmentText)
        {
            if (int.TryParse(instalmentText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
            {
                instalment = n;
            }
            else
            {
                row.Add("instalment", ImportMessages.BadInstalment(instalmentText));
            }
        }

        Money? amount = null;
        if (row.Required("amount") is { } amountText)
        {
            var parsed = Money.Parse(amountText);
            if (parsed.Success)
            {
                amount = parsed.Value;
            }
            else
            {
                row.Add("amount", ImportMessages.BadAmount(amountText, parsed.Error!));
            }
        }

        var claimedOn = row.Date("claimed_on");
        if (participant is not { } p || outcome is null || instalment is not { } i || amount is not { } a || claimedOn is not { } d)
        {
            return null;
        }

        return ((p, outcome, i), new Claim(p, outcome, i, a, d));
    }
}
