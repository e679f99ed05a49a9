namespace Pbr.Engine.Calculation;

/// <summary>Whether a calculation writes each line's explanation.</summary>
public enum Explanations
{
    /// <summary>Every line carries its explanation: for statements, <c>pbr explain</c> and replays shown to people.</summary>
    Written,

    /// <summary>
    /// Lines carry <see cref="Pbr.Core.Model.Explanation.None"/>: a settlement stores amounts, evidence ids and
    /// rules, never explanations, and writing them is most of the cost of pricing a participant.
    /// </summary>
    Omitted,
}
