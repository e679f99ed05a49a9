using System.Collections.Immutable;
using System.Text;

namespace Pbr.TestKit.Fuzzing;

/// <summary>
/// The mutation catalogue of issue 8, item 5, each a named strategy: truncated files, wrong
/// encodings, byte order marks, CRLF, embedded NULs, 10,000-character fields, huge numbers, odd
/// Unicode, plus the structural damage CSV and source text suffer (quotes, delimiters, lines
/// dropped, repeated or swapped, random bytes). The same catalogue serves every reader and the DSL.
/// </summary>
public static partial class Mutations
{
    /// <summary>Gets every strategy; a fuzz run takes them in turn, so each gets an equal share of cases.</summary>
    public static ImmutableArray<Mutation> All { get; } =
    [
        new("truncate", false, Truncate),
        new("utf16-no-bom", false, (b, _) => Encoding.Unicode.GetBytes(Decode(b))),
        new("utf16-with-bom", false, (b, r) => r.Next(2) == 0
            ? [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Decode(b))]
            : [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Decode(b))]),
        new("latin1", false, Latin1),
        new("utf8-bom", true, (b, _) => [0xEF, 0xBB, 0xBF, .. b]),
        new("crlf", true, (b, _) => Encoding.UTF8.GetBytes(Decode(b).ReplaceLineEndings("\r\n"))),
        new("lone-cr", false, (b, _) => Encoding.UTF8.GetBytes(Decode(b).ReplaceLineEndings("\r"))),
        new("embedded-nul", false, EmbeddedNul),
        new("long-field", false, LongField),
        new("huge-number", false, (b, r) => ReplaceSegment(b, r, HugeNumbers[r.Next(HugeNumbers.Length)])),
        new("odd-unicode", false, OddUnicode),
        new("stray-quote", false, StrayQuote),
        new("delimiter", false, Delimiter),
        new("line-duplicate", false, (b, r) => EditLines(b, r, (lines, i) => lines.Insert(r.Next(lines.Count + 1), lines[i]))),
        new("line-drop", false, (b, r) => EditLines(b, r, (lines, i) => lines.RemoveAt(i))),
        new("line-swap", false, (b, r) => EditLines(b, r, (lines, i) => (lines[i], lines[^1]) = (lines[^1], lines[i]))),
        new("whitespace", false, (b, r) => ReplaceSegment(b, r, s => (r.Next(2) == 0 ? " " : "\t") + s + (r.Next(2) == 0 ? " " : "\u00A0"))),
        new("byte-edits", false, ByteEdits),
        new("splice", false, Splice),
        new("noise", false, Noise),
        new("near-empty", false, (b, r) => NearEmpty(b, r)),
        new("quote-all", true, (b, _) => QuoteAll(b)),
    ];

    /// <summary>Gets a strategy by name.</summary>
    public static Mutation Named(string name) => All.Single(m => m.Name == name);

    /// <summary>Numbers no field can hold: beyond long, decimal and double, signed, exponents, other digits.</summary>
    public static ImmutableArray<string> HugeNumbers { get; } =
    [
        "99999999999999999999999999999999", "-9223372036854775809", "9223372036854775808", "79228162514264337593543950336",
        "1e308", "1E-400", "-0", "0x7FFFFFFF", "NaN", "Infinity", "92233720368547758.08", "£99999999999999999.99",
        "1,000,000,000,000,000,000.00", "00000000000000000000000000001", "99999-12-31", "2011-13-45", "+2011-06-01",
        "٣٤٥", "１２３", "2147483648", "4294967296", "0.000000000000000000000000000001",
    ];

    /// <summary>Odd but valid Unicode, and byte sequences that are not UTF-8 at all.</summary>
    public static ImmutableArray<byte[]> OddSequences { get; } =
    [
        .. new[]
        {
            "\u200B", "\u202E", "\uFEFF", "e\u0301", "\U0001F600", "\u00A0", "\u2028", "\u0130", "\u0131", "\uFFFD",
            "\u0000", "\u001F", "\u007F", "\u0085", "\uFFFF", "Ω", "ß", "ﬁ", "\u200D", "\u2060",
        }.Select(Encoding.UTF8.GetBytes),
        [0xED, 0xA0, 0x80],       // a UTF-16 surrogate half encoded as UTF-8
        [0xC0, 0xAF],             // an overlong '/'
        [0xF8, 0x88, 0x80, 0x80], // a five-byte form
        [0xC3],                   // a lead byte with no continuation
        [0x80],                   // a continuation byte alone
        [0xFF, 0xFE],             // a UTF-16 byte order mark in the middle
    ];
}
