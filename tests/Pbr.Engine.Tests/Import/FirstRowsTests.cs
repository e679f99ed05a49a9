// FsCheck.NUnit supplies the arguments of [Property] methods; the NUnit analyzer cannot see that.
#pragma warning disable NUnit1001, NUnit1027

using FsCheck;
using FsCheck.Fluent;
using Pbr.Engine.Import;

namespace Pbr.Engine.Tests.Import;

/// <summary>
/// FirstRows compares each key with the last one while keys come in order, and falls back to a
/// dictionary at the first key out of order: it must answer exactly as a dictionary of every key would.
/// </summary>
public sealed class FirstRowsTests
{
    [FsCheck.NUnit.Property(MaxTest = 500)]
    public Property Seen_AnyKeys_AnswersAsADictionary()
    {
        // A sorted run (often the whole file), then perhaps a tail in any order; small keys, so keys repeat.
        var keys =
            from sorted in Gen.Choose(0, 40).ListOf()
            from tail in Gen.Choose(0, 40).ListOf()
            from withTail in Gen.Elements(true, false)
            select sorted.Order().Concat(withTail ? tail : []).ToArray();
        return Prop.ForAll(keys.ToArbitrary(), k =>
        {
            var actual = Answers(new FirstRows<int>((a, b) => a.CompareTo(b)), k);
            var expected = Answers(new FirstRows<int>(null), k);
            return actual.SequenceEqual(expected) && expected.SequenceEqual(ByHand(k));
        });
    }

    [Test]
    public void Seen_KeysEqualByTheOrderButNotTheSame_AreDifferentKeys()
    {
        // An order that cannot tell "a" from "A" must not make them one key.
        var rows = new FirstRows<string>(StringComparer.OrdinalIgnoreCase.Compare);

        Assert.That(rows.Seen("a", 0, out _), Is.False);
        Assert.That(rows.Seen("A", 1, out _), Is.False);
        Assert.That(rows.Seen("a", 2, out var first), Is.True);
        Assert.That(first, Is.EqualTo(0));
    }

    [Test]
    public void Seen_KeyOutOfOrder_StillFindsEveryEarlierKey()
    {
        var rows = new FirstRows<int>((a, b) => a.CompareTo(b));
        foreach (var (key, row) in new[] { (10, 0), (20, 1), (30, 2) })
        {
            Assert.That(rows.Seen(key, row, out _), Is.False);
        }

        Assert.That(rows.Seen(5, 3, out _), Is.False);
        Assert.That(rows.Seen(20, 4, out var first), Is.True);
        Assert.That(first, Is.EqualTo(1));
        Assert.That(rows.Seen(5, 4, out first), Is.True);
        Assert.That(first, Is.EqualTo(3));
    }

    // The answer for each key in turn: the row a repeated key was first accepted at, or -1 for a new key.
    private static List<int> Answers(FirstRows<int> rows, int[] keys)
    {
        var answers = new List<int>();
        var accepted = 0;
        foreach (var key in keys)
        {
            if (rows.Seen(key, accepted, out var first))
            {
                answers.Add(first);
            }
            else
            {
                answers.Add(-1);
                accepted++;
            }
        }

        return answers;
    }

    private static List<int> ByHand(int[] keys)
    {
        var accepted = new List<int>();
        var answers = new List<int>();
        foreach (var key in keys)
        {
            var at = accepted.IndexOf(key);
            answers.Add(at);
            if (at < 0)
            {
                accepted.Add(key);
            }
        }

        return answers;
    }
}
