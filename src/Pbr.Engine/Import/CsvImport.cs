using System.Collections.Immutable;

namespace Pbr.Engine.Import;

/// <summary>
/// The steps every reader shares: header first, then each row checked on its own, then the
/// duplicate-key rule (an identical row again has one effect; different content is a conflict).
/// All problems are collected; nothing stops at the first.
/// </summary>
internal static class CsvImport
{
    public static ImportResult<T> Run<TKey, T>(
        IEnumerable<SourceRecord> records,
        string fileName,
        string fileKind,
        IReadOnlyList<string> fixedColumns,
        IReadOnlyCollection<string> attributeColumns,
        Func<RowContext, (TKey Key, T Value)?> check,
        Func<T, T, bool> sameContent,
        Func<TKey, int, (string Column, ImportMessage Message)> conflict,
        Comparison<TKey>? keyOrder = null)
        where TKey : notnull
    {
        var problems = new List<ImportProblem>();
        var fileProblems = new List<ImportProblem>();
        var rows = new List<ImportedRow<T>>();
        var rejected = new List<RejectedRow>();
        var firstRowOfKey = new FirstRows<TKey>(keyOrder);
        var missingColumns = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        HeaderMap? header = null;
        RowContext? row = null;

        void FileProblem(ImportProblem problem)
        {
            fileProblems.Add(problem);
            problems.Add(problem);
        }

        foreach (var record in ReadAhead.Of(records))
        {
            if (record.Fields.Length == 0 && record.Structural is { } unreadable)
            {
                FileProblem(unreadable);
                break;
            }

            if (header is null)
            {
                var headerProblems = new List<ImportProblem>();
                header = HeaderMap.Check(record, fileName, fixedColumns, attributeColumns, fileKind, headerProblems);
                headerProblems.ForEach(FileProblem);
                if (!header.Usable)
                {
                    break;
                }

                continue;
            }

            row ??= new RowContext(fileName, header, (column, why) =>
            {
                if (missingColumns.Add(column))
                {
                    var message = ImportMessages.MissingColumn(column, why);
                    FileProblem(new ImportProblem(fileName, 1, 1, message.Code, message.Text));
                }
            });
            row.Reset(record);

            if (record.Structural is { } structural)
            {
                row.Problems.Add(structural);
            }
            else if (record.Fields.Length != header.Count)
            {
                row.AddAt(Math.Min(record.Fields.Length, header.Count) + 1, ImportMessages.FieldCount(record.Fields.Length, header.Count));
            }
            else if (check(row) is { } good && !row.HasProblems)
            {
                if (!firstRowOfKey.Seen(good.Key, rows.Count, out var first))
                {
                    rows.Add(new ImportedRow<T>(record.Line, good.Value));
                    continue;
                }

                if (sameContent(rows[first].Value, good.Value))
                {
                    duplicates++;
                    continue;
                }

                var (column, message) = conflict(good.Key, rows[first].Line);
                row.Add(column, message);
            }

            rejected.Add(new RejectedRow(record.Line, [.. record.Fields], [.. row.Problems]));
            problems.AddRange(row.Problems.Where(p => !row.FileLevel.Contains(p)));
        }

        if (header is null && fileProblems.Count == 0)
        {
            var message = ImportMessages.EmptyFile(fixedColumns.Concat(attributeColumns));
            FileProblem(new ImportProblem(fileName, 1, 1, message.Code, message.Text));
        }

        return new ImportResult<T>(
            fileName,
            header is null ? [] : [.. header.Names],
            [.. rows],
            [.. rejected],
            [.. problems],
            [.. fileProblems],
            duplicates);
    }
}
