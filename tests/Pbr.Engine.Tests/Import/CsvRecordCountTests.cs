using System.Globalization;
using System.Text;
using CsvHelper;
using FsCheck;
using FsCheck.Fluent;
using Pbr.Engine.Import;

namespace Pbr.Engine.Tests.Import;

/// <summary>The record count an import predicts before reading: quoted line breaks are not records, empty lines are not counted.</summary>
public sealed class CsvRecordCountTests
{
    [TestCase("", 0)]
    [TestCase("\n\r\n\n", 0)]
    [TestCase("a,b", 1)]
    [TestCase("a,b\n", 1)]
    [TestCase("a,b\r\n1,2\r\n", 2)]
    [TestCase("a,b\r\n1,2", 2)]
    [TestCase("a\n\n\nb\n", 2)]
    [TestCase("a\rb\r", 2)]
    [TestCase(" \n", 1)]
    [TestCase("h\n\"x\ny\",1\n2,3\n", 3)]
    [TestCase("h\n\"x\r\n\r\ny\"\n", 2)]
    [TestCase("h\n\"he said \"\"hi\"\"\",1\n", 2)]
    [TestCase("h\n\"\",\"\"\n", 2)]
    public void Of_Text_CountsItsRecords(string csv, int records) =>
        Assert.That(CsvRecordCount.Of(Encoding.UTF8.GetBytes(csv)), Is.EqualTo(records));

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Of_WrittenByACsvWriter_IsTheRowsWrittenAndTheHeader() =>
        Prop.ForAll(
            Gen.ArrayOf(Gen.ArrayOf(Gen.Elements("", "a", ",", "\"", "\n", "\r\n", "\r", " ", "é", "x\"y"), 3).Select(parts => string.Concat(parts)), 3)
                .ArrayOf()
                .ToArbitrary(),
            Gen.Elements("\n", "\r\n").ToArbitrary(),
            (rows, newLine) =>
            {
                var text = new StringWriter(CultureInfo.InvariantCulture);
                using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default with { NewLine = newLine }, leaveOpen: true))
                {
                    csv.WriteRecord(["first", "second", "third"]);
                    foreach (var row in rows)
                    {
                        csv.WriteRecord(row);
                    }
                }

                // Three fields always leave at least two commas on the line: no record is an empty line.
                return CsvRecordCount.Of(Encoding.UTF8.GetBytes(text.ToString())) == rows.Length + 1;
            });
}
