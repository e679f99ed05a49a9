namespace Pbr.Engine.Hashing;

/// <summary>
/// The content hashes the ledger stored with a run's input rows when it imported them, index for index
/// with the participants and evidence versions read.
/// </summary>
/// <remarks>
/// A settlement digests its inputs from these instead of hashing every row again (about a microsecond a
/// row, millions of rows, on the cores that price). A replay hashes the rows themselves: a row whose
/// content no longer matches the hash it was imported with then shows as a different input digest.
/// </remarks>
public sealed record InputHashes(IReadOnlyList<Sha256Value> Participants, IReadOnlyList<Sha256Value> Evidence);
