using Pbr.Engine.Import;

namespace Pbr.Ledger.Postgres.Inputs;

/// <summary>What an attempt to load a file while reading it did.</summary>
/// <param name="Read">The file as read, or null when it was not read (the attempt was not made, or broke off).</param>
/// <param name="Outcome">The load, or null when nothing was loaded and the file must be loaded the usual way.</param>
public sealed record ReadAndLoad<T>(ImportResult<T>? Read, ImportOutcome? Outcome);
