namespace Pbr.TestKit;

/// <summary>
/// A base for test fixtures that need a database: each fixture gets its own fresh, migrated
/// database in <see cref="Database"/>, dropped after the fixture's last test.
/// </summary>
public abstract class DatabaseFixture
{
    private TestDatabase? _database;

    /// <summary>Gets the fixture's database.</summary>
    protected TestDatabase Database => _database ?? throw new InvalidOperationException("the database is created in OneTimeSetUp");

    /// <summary>Gets a value indicating whether the ledger migrations are applied to the new database.</summary>
    protected virtual bool Migrate => true;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => _database = await TestDatabase.CreateAsync(Migrate);

    [OneTimeTearDown]
    public async Task DropDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }
}
