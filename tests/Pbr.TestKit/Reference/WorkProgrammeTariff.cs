namespace Pbr.TestKit.Reference;

/// <summary>One row of the Work Programme reference tariff (issue 3), in pence, year-1 prices.</summary>
public sealed record WorkProgrammeTariff(
    string PaymentGroup,
    long AttachmentPence,
    long JobOutcomePence,
    int JobOutcomeWeeks,
    long SustainmentPence,
    int MaxSustainments)
{
    /// <summary>Gets the nine rows, copied from the table in issue 3.</summary>
    public static IReadOnlyList<WorkProgrammeTariff> All { get; } =
    [
        new("JSA 18-24", 400_00, 1_200_00, 26, 170_00, 13),
        new("JSA 25+", 400_00, 1_200_00, 26, 215_00, 13),
        new("JSA Early Access", 400_00, 1_200_00, 13, 250_00, 20),
        new("JSA Ex-IB", 400_00, 1_200_00, 13, 250_00, 20),
        new("ESA Volunteers", 400_00, 1_000_00, 13, 115_00, 20),
        new("New ESA Claimants", 600_00, 1_200_00, 13, 215_00, 20),
        new("ESA Ex-IB", 600_00, 3_500_00, 13, 370_00, 26),
        new("IB/IS", 400_00, 1_000_00, 13, 115_00, 20),
        new("JSA Prison Leavers", 400_00, 1_200_00, 13, 250_00, 20),
    ];

    /// <summary>Gets the published maximum total, attachment plus job outcome plus every sustainment payment.</summary>
    public long MaxTotalPence => AttachmentPence + JobOutcomePence + (SustainmentPence * MaxSustainments);

    /// <summary>Finds the row for a payment group.</summary>
    /// <exception cref="ArgumentException">The group is not one of the nine.</exception>
    public static WorkProgrammeTariff For(string paymentGroup) =>
        All.SingleOrDefault(t => t.PaymentGroup == paymentGroup)
        ?? throw new ArgumentException($"'{paymentGroup}' is not a Work Programme payment group.", nameof(paymentGroup));
}
