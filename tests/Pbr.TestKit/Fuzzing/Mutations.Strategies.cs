using System.Text;

namespace Pbr.TestKit.Fuzzing;

/// <summary>The strategies' implementations. A "segment" is a run of bytes between separators (comma, space, tab, line break): a CSV field or a word of source.</summary>
public static partial class Mutations
{
    // Bytes that matter to CSV, to UTF-8 and to numbers and dates, weighted in over uniform noise.
    private static readonly byte[] Interesting =
        [(byte)',', (byte)'"', (byte)'\r', (byte)'\n', (byte)'-', (byte)'0', (byte)'9', (byte)'.', (byte)'£', 0xC2, 0xA3, 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF, 0x00, (byte)' ', (byte)'\''];

    private static string Decode(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static byte Pick(Random random) =>
        random.Next(3) == 0 ? (byte)random.Next(256) : Interesting[random.Next(Interesting.Length)];

    private static byte[] Truncate(byte[] bytes, Random random) =>
        bytes.Length == 0 ? bytes : bytes[..random.Next(bytes.Length)];

    private static byte[] Latin1(byte[] bytes, Random random)
    {
        // Text with a pound sign or an accent, saved as ISO-8859-1: bytes 0xA3 and 0xE9 alone are not UTF-8.
        var text = Decode(ReplaceSegment(bytes, random, s => s + (random.Next(2) == 0 ? "£" : "é")));
        return Encoding.Latin1.GetBytes(text);
    }

    private static byte[] EmbeddedNul(byte[] bytes, Random random)
    {
        var list = new List<byte>(bytes);
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            list.Insert(random.Next(list.Count + 1), 0);
        }

        return [.. list];
    }

    private static byte[] LongField(byte[] bytes, Random random)
    {
        // 10,000 characters: plain letters, digits, a quoted field full of commas and line breaks, or multi-byte characters.
        var length = random.Next(2) == 0 ? 10_000 : random.Next(1_001, 12_000);
        string Fill(string unit) => string.Concat(Enumerable.Repeat(unit, (length / unit.Length) + 1))[..length];
        var value = random.Next(4) switch
        {
            0 => Fill("x"),
            1 => Fill("9"),
            2 => "\"" + Fill("a,\n\"\"") + "\"",
            _ => Fill("é"),
        };
        return ReplaceSegment(bytes, random, value);
    }

    private static byte[] OddUnicode(byte[] bytes, Random random)
    {
        var odd = OddSequences[random.Next(OddSequences.Length)];
        var (start, length) = Segment(bytes, random);
        var at = start + random.Next(length + 1);
        return random.Next(2) == 0
            ? [.. bytes[..at], .. odd, .. bytes[at..]]
            : [.. bytes[..start], .. odd, .. bytes[(start + length)..]];
    }

    private static byte[] StrayQuote(byte[] bytes, Random random)
    {
        var (start, length) = Segment(bytes, random);
        return random.Next(3) switch
        {
            0 => [.. bytes[..start], (byte)'"', .. bytes[start..]],                      // an unclosed quote at a field's start
            1 => [.. bytes[..(start + length)], (byte)'"', .. bytes[(start + length)..]], // a quote inside an unquoted field
            _ => [.. bytes[..start], (byte)'"', .. bytes[start..(start + length)], (byte)'"', (byte)'x', .. bytes[(start + length)..]],
        };
    }

    private static byte[] Delimiter(byte[] bytes, Random random)
    {
        var commas = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == (byte)',').ToList();
        if (commas.Count > 0 && random.Next(2) == 0)
        {
            var at = commas[random.Next(commas.Count)];
            return [.. bytes[..at], .. bytes[(at + 1)..]];
        }

        var insert = random.Next(bytes.Length + 1);
        return [.. bytes[..insert], (byte)',', .. bytes[insert..]];
    }

    private static byte[] EditLines(byte[] bytes, Random random, Action<List<string>, int> edit)
    {
        var lines = Decode(bytes).Split('\n').ToList();
        edit(lines, random.Next(lines.Count));
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static byte[] ByteEdits(byte[] bytes, Random random)
    {
        var list = new List<byte>(bytes);
        for (var n = random.Next(1, 9); n > 0; n--)
        {
            var at = random.Next(list.Count + 1);
            switch (random.Next(3))
            {
                case 0 when at < list.Count:
                    list.RemoveAt(at);
                    break;
                case 1 when at < list.Count:
                    list[at] = Pick(random);
                    break;
                default:
                    list.Insert(at, Pick(random));
                    break;
            }
        }

        return [.. list];
    }

    private static byte[] Splice(byte[] bytes, Random random)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var from = random.Next(bytes.Length);
        var length = Math.Min(random.Next(1, 200), bytes.Length - from);
        var at = random.Next(bytes.Length + 1);
        return [.. bytes[..at], .. bytes.AsSpan(from, length), .. bytes[at..]];
    }

    private static byte[] Noise(byte[] bytes, Random random)
    {
        var noise = new byte[random.Next(0, 3000)];
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = Pick(random);
        }

        return random.Next(2) == 0 ? noise : [.. bytes[..(bytes.Length / 2)], .. noise];
    }

    private static byte[] NearEmpty(byte[] bytes, Random random)
    {
        var firstLine = Decode(bytes).Split('\n')[0];
        string[] choices = ["", "\n", "\r\n\r\n", "   ", "\uFEFF", firstLine, firstLine + "\n", firstLine + "\n\n\n", ",,,\n", "\"\""];
        return Encoding.UTF8.GetBytes(choices[random.Next(choices.Length)]);
    }

    /// <summary>Replaces a random segment with a value.</summary>
    private static byte[] ReplaceSegment(byte[] bytes, Random random, string value) => ReplaceSegment(bytes, random, _ => value);

    private static byte[] ReplaceSegment(byte[] bytes, Random random, Func<string, string> replace)
    {
        var (start, length) = Segment(bytes, random);
        var old = Encoding.UTF8.GetString(bytes, start, length);
        return [.. bytes[..start], .. Encoding.UTF8.GetBytes(replace(old)), .. bytes[(start + length)..]];
    }

    /// <summary>Picks a random segment (start, length); an empty one at the end when there is none.</summary>
    private static (int Start, int Length) Segment(byte[] bytes, Random random)
    {
        static bool Separator(byte b) => b is (byte)',' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';
        var segments = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= bytes.Length; i++)
        {
            var separator = i == bytes.Length || Separator(bytes[i]);
            if (!separator && start < 0)
            {
                start = i;
            }
            else if (separator && start >= 0)
            {
                segments.Add((start, i - start));
                start = -1;
            }
        }

        return segments.Count == 0 ? (bytes.Length, 0) : segments[random.Next(segments.Count)];
    }
}
