using System.Collections;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Diagnostics;

/// <summary>
/// Collects diagnostics during a compilation. This is the one home of every message text: each
/// diagnostic has a method here, its id and its words, and nowhere else builds a message.
/// </summary>
/// <remarks>
/// Ids: PBR1xxx text and syntax, PBR2xxx names and types, PBR3xxx tables and tapers,
/// PBR4xxx contracts, PBR5xxx tests, PBR9xxx warnings.
/// </remarks>
public sealed class DiagnosticBag : IEnumerable<Diagnostic>
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>Gets the number of diagnostics so far.</summary>
    public int Count => _items.Count;

    /// <summary>Gets a value indicating whether any error has been reported.</summary>
    public bool HasErrors => _items.Exists(d => d.IsError);

    public IEnumerator<Diagnostic> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // ---- PBR1xxx: text and syntax ----
    internal void BadCharacter(SourceLocation at, string character) =>
        Error(at, "PBR1001", $"unexpected character '{character}'");

    internal void UnterminatedString(SourceLocation at) =>
        Error(at, "PBR1002", "text is missing its closing quote '\"'");

    internal void BadDate(SourceLocation at, string text) =>
        Error(at, "PBR1003", $"'{text}' is not a date (expected yyyy-MM-dd, e.g. 2011-06-01)");

    internal void MoneyNeedsPence(SourceLocation at, string text) =>
        Error(at, "PBR1004", $"money '{text}' must be written in pounds and pence, e.g. £1,200.00");

    internal void BadMoney(SourceLocation at, string text, string reason) =>
        Error(at, "PBR1005", $"'{text}' is not an amount of money: {reason}");

    internal void NumberTooLarge(SourceLocation at, string text) =>
        Error(at, "PBR1006", $"the number '{text}' is too large");

    internal void MissingVersion(SourceLocation at) =>
        Error(at, "PBR1101", "a tariff source must start with its language version, e.g. 'pbr 1'");

    internal void UnsupportedVersion(SourceLocation at, string version) =>
        Error(at, "PBR1102", $"language version {version} is not supported (this compiler reads 'pbr 1')");

    internal void Expected(SourceLocation at, string expected, string found) =>
        Error(at, "PBR1103", $"expected {expected}, found {found}");

    internal void UnexpectedTopLevel(SourceLocation at, string found) =>
        Error(at, "PBR1104", $"expected 'scheme', 'contract' or 'test', found {found}");

    internal void UnexpectedInScheme(SourceLocation at, string found) =>
        Error(at, "PBR1105", $"expected a scheme line (rounding, attribute, evidence, term, table, taper, outcome, cohort, cap) or 'end', found {found}");

    internal void UnexpectedInContract(SourceLocation at, string found) =>
        Error(at, "PBR1106", $"expected a contract line (scheme, provider, starts, ends, discount, or a term such as 'baseline = 0.55') or 'end', found {found}");

    internal void UnexpectedInTest(SourceLocation at, string found) =>
        Error(at, "PBR1107", $"expected a test line (contract, cohort, participant, participants, evidence, as of, expect) or 'end', found {found}");

    // ---- PBR2xxx: names and types ----
    internal void UnknownName(SourceLocation at, string name) =>
        Error(at, "PBR2001", $"'{name}' is not declared");

    internal void Duplicate(SourceLocation at, string name) =>
        Error(at, "PBR2002", $"'{name}' is already declared in this scheme");

    internal void OperatorTypes(SourceLocation at, string op, string left, string right) =>
        Error(at, "PBR2003", $"operator '{op}' cannot be applied to {left} and {right}");

    internal void TypeMismatch(SourceLocation at, string expected, string found) =>
        Error(at, "PBR2004", $"expected {expected}, found {found}");

    internal void UnknownType(SourceLocation at, string word) =>
        Error(at, "PBR2005", $"unknown type '{word}' (expected money, rate, int, bool, date, days, weeks, text or one of \"…\")");

    internal void UnknownColumn(SourceLocation at, string table, string column) =>
        Error(at, "PBR2006", $"table '{table}' has no column '{column}'");

    internal void NotATable(SourceLocation at, string name) =>
        Error(at, "PBR2007", $"'{name}' is not a table, so it has no columns");

    internal void UnknownRounding(SourceLocation at, string mode) =>
        Error(at, "PBR2008", $"unknown rounding '{mode}' (expected half_away_from_zero, half_even, toward_zero, down or up)");

    internal void MissingRounding(SourceLocation at, string scheme) =>
        Error(at, "PBR2009", $"scheme '{scheme}' declares no rounding; every amount must be rounded by a declared rule, e.g. 'rounding half_away_from_zero'");

    internal void DuplicateRounding(SourceLocation at) =>
        Error(at, "PBR2010", "the scheme's rounding is already declared");

    internal void KeyNotEnumeration(SourceLocation at, string table, string key) =>
        Error(at, "PBR2011", $"table '{table}' must be keyed by a participant attribute that is an enumeration, and '{key}' is not one");

    internal void EvidenceShape(SourceLocation at, string kind, string expected) =>
        Error(at, "PBR2012", $"evidence '{kind}' must be {expected} here");

    internal void UnknownOutcome(SourceLocation at, string name) =>
        Error(at, "PBR2013", $"'{name}' is not an outcome of this scheme");

    internal void OutcomeAfterItself(SourceLocation at, string name) =>
        Error(at, "PBR2014", $"outcome '{name}' cannot follow itself or an outcome that follows it");

    internal void ValueNotInEnumeration(SourceLocation at, string value, string attribute) =>
        Error(at, "PBR2015", $"\"{value}\" is not one of the values of '{attribute}'");

    internal void CellCount(SourceLocation at, int expected, int found) =>
        Error(at, "PBR2016", $"a row of this table needs {expected} values, one per column, found {found}");

    internal void CohortNameOutsideCohort(SourceLocation at, string name) =>
        Error(at, "PBR2017", $"'{name}' is a cohort measure and can only be used in a cohort outcome");

    internal void ParticipantNameInCohort(SourceLocation at, string name) =>
        Error(at, "PBR2018", $"'{name}' belongs to one participant and cannot be used in a cohort outcome");

    internal void NotWholeDays(SourceLocation at, string what) =>
        Error(at, "PBR2019", $"{what} must be a whole number of days or weeks");

    internal void ExpectedConstant(SourceLocation at) =>
        Error(at, "PBR2020", "a table cell, taper step or contract value must be a constant, not a calculation over a participant");

    internal void CapOrder(SourceLocation at, string name) =>
        Error(at, "PBR2021", $"cap allocation order names '{name}', which is not an outcome this cap can cut");

    internal void CohortOutcomeWithoutCohort(SourceLocation at, string name) =>
        Error(at, "PBR2022", $"cohort outcome '{name}' needs a 'cohort quarterly … end' declaration in its scheme");

    internal void DuplicateCohort(SourceLocation at) =>
        Error(at, "PBR2023", "the scheme's cohort is already declared");

    internal void HitPolicy(SourceLocation at, string policy) =>
        Error(at, "PBR2024", $"hit policy '{policy}' is not supported; write 'hit unique' (rows may neither overlap nor leave gaps)");

    internal void EffectiveOnNotDate(SourceLocation at, string name) =>
        Error(at, "PBR2025", $"'{name}' is not a date, so a table or taper cannot be effective on it");

    internal void FinancialYearBoundary(SourceLocation at, string date, string expected) =>
        Error(at, "PBR2026", $"a financial-year taper step must {expected}, found {date}");

    internal void DivisionByZero(SourceLocation at) =>
        Error(at, "PBR2027", "division by zero");

    internal void CapMissingOutcome(SourceLocation at, string name) =>
        Error(at, "PBR2028", $"cap allocation order leaves out '{name}'; list every outcome the cap cuts, in the order they are paid");

    internal void UnknownEvidenceKind(SourceLocation at, string name) =>
        Error(at, "PBR2029", $"'{name}' is not an evidence kind of this scheme");

    internal void AmountNotMoney(SourceLocation at, string found) =>
        Error(at, "PBR2030", $"an outcome pays money, found {found}");

    internal void TableWithoutColumn(SourceLocation at, string table) =>
        Error(at, "PBR2031", $"'{table}' is a table; read one of its columns, e.g. {table}.column");

    internal void PeriodWithoutEffectiveOn(SourceLocation at, string table) =>
        Error(at, "PBR2032", $"table '{table}' has no 'effective on' date, so its rows cannot have periods");

    internal void ConstantOverflow(SourceLocation at) =>
        Error(at, "PBR2033", "this value is too large to compute exactly");

    // ---- PBR3xxx: tables and tapers ----
    internal void TableGap(SourceLocation at, string table, string key, string from, string to) =>
        Error(at, "PBR3001", $"table '{table}' has no row for \"{key}\" from {from} to {to}");

    internal void TableOverlap(SourceLocation at, string table, string key, string from, string to) =>
        Error(at, "PBR3002", $"rows of table '{table}' for \"{key}\" overlap from {from} to {to}");

    internal void TableMissingKey(SourceLocation at, string table, string key) =>
        Error(at, "PBR3003", $"table '{table}' has no row for \"{key}\"");

    internal void TaperGap(SourceLocation at, string taper, string from, string to) =>
        Error(at, "PBR3004", $"taper '{taper}' has no step from {from} to {to}");

    internal void TaperOverlap(SourceLocation at, string taper, string from, string to) =>
        Error(at, "PBR3005", $"steps of taper '{taper}' overlap from {from} to {to}");

    internal void PeriodReversed(SourceLocation at, string from, string until) =>
        Error(at, "PBR3006", $"a period cannot end ({until}) before it starts ({from})");

    // ---- PBR4xxx: contracts ----
    internal void UnknownScheme(SourceLocation at, string name) =>
        Error(at, "PBR4001", $"scheme '{name}' is not declared in any of the sources");

    internal void ContractMissing(SourceLocation at, string contract, string what) =>
        Error(at, "PBR4002", $"contract '{contract}' does not give its {what}");

    internal void ContractDuplicateItem(SourceLocation at, string what) =>
        Error(at, "PBR4003", $"'{what}' is already given for this contract");

    internal void MissingTerm(SourceLocation at, string contract, string term) =>
        Error(at, "PBR4004", $"contract '{contract}' does not give term '{term}' that its scheme requires");

    internal void UnknownTerm(SourceLocation at, string term, string scheme) =>
        Error(at, "PBR4005", $"scheme '{scheme}' has no term '{term}'");

    internal void DuplicateContract(SourceLocation at, string contract) =>
        Error(at, "PBR4006", $"contract '{contract}' is already declared");

    internal void DiscountRange(SourceLocation at) =>
        Error(at, "PBR4008", "a discount must be from 0% to 100%");

    internal void DuplicateScheme(SourceLocation at, string scheme) =>
        Error(at, "PBR4009", $"scheme '{scheme}' is already declared");

    internal void BadContractId(SourceLocation at, string id, string reason) =>
        Error(at, "PBR4010", $"'{id}' is not a contract id: {reason}");

    // ---- PBR5xxx: tests ----
    internal void TestUnknownContract(SourceLocation at, string contract) =>
        Error(at, "PBR5001", $"test names contract '{contract}', which is not declared");

    internal void TestMissing(SourceLocation at, string what) =>
        Error(at, "PBR5002", $"test does not give {what}");

    internal void TestUnknownOutcome(SourceLocation at, string outcome, string scheme) =>
        Error(at, "PBR5003", $"'{outcome}' is not an outcome of scheme '{scheme}'");

    internal void TestUnknownAttribute(SourceLocation at, string name, string scheme) =>
        Error(at, "PBR5004", $"'{name}' is not a participant attribute of scheme '{scheme}'");

    internal void TestUnknownParticipant(SourceLocation at, string id) =>
        Error(at, "PBR5006", $"evidence is for participant '{id}', who is not in this test");

    internal void TestUnknownStatus(SourceLocation at, string status) =>
        Error(at, "PBR5008", $"'{status}' is not an evidence status (expected verified, pending, rejected or revoked)");

    internal void TestUnknownProblemKind(SourceLocation at, string kind) =>
        Error(at, "PBR5009", $"'{kind}' is not a problem kind (expected no_rule_applies, rules_conflict or bad_data)");

    internal void TestDuplicateParticipant(SourceLocation at, string id) =>
        Error(at, "PBR5010", $"participant '{id}' is already in this test");

    internal void TestWrongDateForm(SourceLocation at, string kind, string expected) =>
        Error(at, "PBR5011", $"evidence '{kind}' is {expected}");

    internal void TestAmbiguousParticipant(SourceLocation at) =>
        Error(at, "PBR5012", "this test has several participants, so the evidence must say whose it is ('for \"P1\"')");

    internal void TestBadInstalments(SourceLocation at) =>
        Error(at, "PBR5013", "a range of instalments must go upwards and say how many days apart they fall ('every 28 days from …')");

    // ---- PBR9xxx: warnings ----
    internal void Unused(SourceLocation at, string what, string name) =>
        Warning(at, "PBR9001", $"{what} '{name}' is declared but never used");

    internal void UnusedColumn(SourceLocation at, string table, string column) =>
        Warning(at, "PBR9002", $"column '{column}' of table '{table}' is never read");

    internal void TestWithoutExpectation(SourceLocation at, string name) =>
        Warning(at, "PBR9003", $"test \"{name}\" expects nothing; add 'expect …' lines or 'expect no lines'");

    private void Error(SourceLocation at, string id, string message) =>
        _items.Add(new Diagnostic(id, DiagnosticSeverity.Error, message, at));

    private void Warning(SourceLocation at, string id, string message) =>
        _items.Add(new Diagnostic(id, DiagnosticSeverity.Warning, message, at));
}
