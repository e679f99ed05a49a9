using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Engine.Explaining;

/// <summary>
/// Writes a <see cref="ParticipantTrace"/> as the versioned JSON trace <c>pbr.trace.v1</c>
/// (documented in docs/trace.md). Field names are fixed here, not derived from property names, so
/// that renaming a C# member can never change the published format.
/// </summary>
public static class TraceJson
{
    /// <summary>Writes the trace, indented, to a stream. Text is escaped for JSON only (the trace is never
    /// embedded in HTML), so that £ and quotes stay readable.</summary>
    public static void Write(Stream stream, ParticipantTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("schema", ParticipantTrace.Schema);
        json.WriteString("contract_id", trace.Contract.Value);
        json.WriteString("participant_id", trace.Participant.Value);
        json.WriteString("as_of", Date(trace.AsOf));
        json.WriteString("known_at", Date(trace.KnownAt));
        json.WriteStartArray("posted");
        foreach (var entry in trace.Posted)
        {
            json.WriteStartObject();
            json.WriteNumber("run_id", entry.Run.Value);
            json.WriteString("run_as_of", Date(entry.RunAsOf));
            json.WriteString("run_known_at", Date(entry.RunKnownAt));
            WriteKey(json, entry.Outcome, entry.Instalment);
            json.WriteString("kind", entry.Kind);
            json.WriteString("amount", entry.Amount.ToString());
            json.WriteString("due_date", Date(entry.DueDate));
            json.WriteString("rule", entry.Rule);
            json.WriteString("tariff_sha256", entry.TariffSha256);
            WriteEvidence(json, entry.EvidenceIds);
            json.WriteString("posted_before", entry.PostedBefore.ToString());
            json.WriteString("due_at_run", entry.DueAtRun.ToString());
            json.WriteString("reason", entry.Reason);
            WriteExplanation(json, entry.Explanation);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("due_now");
        foreach (var entry in trace.DueNow)
        {
            json.WriteStartObject();
            WriteKey(json, entry.Outcome, entry.Instalment);
            json.WriteString("amount", entry.Amount.ToString());
            json.WriteString("due_date", Date(entry.DueDate));
            json.WriteString("rule", entry.Rule);
            WriteEvidence(json, entry.EvidenceIds);
            json.WriteString("posted_so_far", entry.PostedSoFar.ToString());
            json.WriteString("outstanding", entry.Outstanding.ToString());
            WriteExplanation(json, entry.Explanation);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("problems");
        foreach (var problem in trace.Problems)
        {
            json.WriteStartObject();
            json.WriteString("kind", ProblemText(problem.Kind));
            json.WriteString("subject", problem.Subject);
            json.WriteString("message", problem.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Gets the words for a problem kind, as the trace and the text form spell it.</summary>
    public static string ProblemText(ProblemKind kind) => kind switch
    {
        ProblemKind.NoRuleApplies => "no_rule_applies",
        ProblemKind.RulesConflict => "rules_conflict",
        ProblemKind.BadData => "bad_data",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a problem kind"),
    };

    private static void WriteKey(Utf8JsonWriter json, string outcome, int instalment)
    {
        json.WriteString("outcome", outcome);
        json.WriteNumber("instalment", instalment);
    }

    private static void WriteEvidence(Utf8JsonWriter json, IEnumerable<EvidenceId> ids)
    {
        json.WriteStartArray("evidence_ids");
        foreach (var id in ids)
        {
            json.WriteStringValue(id.Value);
        }

        json.WriteEndArray();
    }

    private static void WriteExplanation(Utf8JsonWriter json, Explanation? explanation)
    {
        if (explanation is null)
        {
            json.WriteNull("explanation");
            return;
        }

        json.WriteStartObject("explanation");
        json.WriteString("rule_location", explanation.RuleLocation);
        json.WriteStartArray("steps");
        foreach (var step in explanation.Steps)
        {
            json.WriteStartObject();
            json.WriteString("kind", step.Kind);
            json.WriteString("text", step.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (explanation.UnroundedPounds is { } unrounded)
        {
            json.WriteString("unrounded", unrounded);
        }
        else
        {
            json.WriteNull("unrounded");
        }

        if (explanation.Rounding is { } rounding)
        {
            json.WriteString("rounding", RoundingText(rounding));
        }
        else
        {
            json.WriteNull("rounding");
        }

        json.WriteEndObject();
    }

    private static string RoundingText(Rounding rounding) => rounding switch
    {
        Rounding.HalfAwayFromZero => "half_away_from_zero",
        Rounding.HalfEven => "half_even",
        Rounding.TowardZero => "toward_zero",
        Rounding.Down => "down",
        Rounding.Up => "up",
        _ => throw new ArgumentOutOfRangeException(nameof(rounding), rounding, "not a rounding mode"),
    };

    private static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
