using System.Text;
using NodaTime;
using NodaTime.Text;
using Pbr.Core.Model;
using Pbr.Engine.Explaining;

namespace Pbr.Cli.Commands;

/// <summary>The plain-English form of a participant trace, for people reading a terminal.</summary>
internal static class TraceText
{
    public static string Render(ParticipantTrace trace)
    {
        var text = new StringBuilder();
        text.Append($"Participant {trace.Participant} of contract {trace.Contract}\n\n");
        if (trace.Posted.IsEmpty)
        {
            text.Append("Nothing has been posted for this participant yet.\n");
        }

        foreach (var entry in trace.Posted)
        {
            text.Append($"Run {entry.Run} (as of {Date(entry.RunAsOf)}, known at {Date(entry.RunKnownAt)}) posted a {entry.Kind} of {entry.Amount.ToDisplayString()} ")
                .Append($"for {entry.Outcome} {entry.Instalment}, due {Date(entry.DueDate)}, by rule {entry.Rule}")
                .Append(entry.EvidenceIds.IsEmpty ? ".\n" : $" on evidence {string.Join(", ", entry.EvidenceIds)}.\n")
                .Append($"  Why: {entry.Reason}.\n");
            Steps(text, entry.Explanation);
            text.Append('\n');
        }

        text.Append($"Due as of {Date(trace.AsOf)} (evidence known at {Date(trace.KnownAt)}):\n");
        if (trace.DueNow.IsEmpty)
        {
            text.Append("  nothing.\n");
        }

        foreach (var entry in trace.DueNow)
        {
            text.Append($"  {entry.Outcome} {entry.Instalment}: {entry.Amount.ToDisplayString()}")
                .Append(entry.Amount == Pbr.Core.Money.Zero ? " (no longer earned)" : $" due {Date(entry.DueDate)}")
                .Append($"; posted so far {entry.PostedSoFar.ToDisplayString()}, the next run would post {entry.Outstanding.ToDisplayString()}.\n");
            if (entry.Outstanding != Pbr.Core.Money.Zero)
            {
                // Settled lines were explained above with their runs; only what would change gets the detail.
                Steps(text, entry.Explanation);
            }
        }

        foreach (var problem in trace.Problems)
        {
            text.Append($"Problem ({TraceJson.ProblemText(problem.Kind).Replace('_', ' ')}): {problem.Message}\n");
        }

        return text.ToString();
    }

    private static void Steps(StringBuilder text, Explanation? explanation)
    {
        if (explanation is null || explanation.RuleLocation.Length == 0)
        {
            return;
        }

        text.Append($"    rule at {explanation.RuleLocation}\n");
        foreach (var step in explanation.Steps)
        {
            text.Append($"    {step.Kind}: {step.Text}\n");
        }
    }

    private static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
