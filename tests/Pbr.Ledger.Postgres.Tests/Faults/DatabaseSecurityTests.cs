using Dapper;
using Npgsql;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Faults;

/// <summary>
/// Issue 8, item 6, through real connections as each role: the tables, sequences and functions are
/// read from the catalog (never a hand list, so a table a later migration adds is covered at once),
/// and every forbidden statement is actually sent and must be refused for lack of privilege.
/// </summary>
[Category("Faults")]
public sealed class DatabaseSecurityTests : DatabaseFixture
{
    private static readonly string[] Roles = ["pbr_app", "pbr_auditor"];

    private List<(string Table, string Column)> _tables = null!;

    [OneTimeSetUp]
    public async Task ReadTheCatalogAsync()
    {
        await using var connection = await Database.OpenAsync();
        _tables = [.. await connection.QueryAsync<(string, string)>(
            """
            SELECT c.relname, (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum = 1)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            ORDER BY c.relname
            """)];

        // The catalog read must see the ledger, or every loop below would pass on nothing.
        Assert.That(_tables.Select(t => t.Table), Is.SupersetOf(new[] { "ledger_lines", "runs", "participants", "evidence_versions", "contracts", "tariff_sources", "imports" }));
    }

    [Test]
    public async Task EveryTable_ForbiddenStatementsAsAppAndAuditor_RefusedForLackOfPrivilege()
    {
        var statements = new (string Name, Func<string, string, string> Sql, string[] Roles)[]
        {
            ("UPDATE", (t, c) => $"UPDATE {t} SET {c} = {c}", Roles),
            ("DELETE", (t, _) => $"DELETE FROM {t}", Roles),
            ("TRUNCATE", (t, _) => $"TRUNCATE {t}", Roles),
            ("ALTER ADD COLUMN", (t, _) => $"ALTER TABLE {t} ADD COLUMN intruder integer", Roles),
            ("ALTER DISABLE TRIGGER", (t, _) => $"ALTER TABLE {t} DISABLE TRIGGER ALL", Roles),
            ("ALTER OWNER", (t, r) => $"ALTER TABLE {t} OWNER TO CURRENT_USER", Roles),
            ("DROP", (t, _) => $"DROP TABLE {t}", Roles),
            ("CREATE TRIGGER", (t, _) => $"CREATE TRIGGER intruder BEFORE INSERT ON {t} FOR EACH ROW EXECUTE FUNCTION pbr_refuse_change()", Roles),
            ("INSERT", (t, _) => $"INSERT INTO {t} DEFAULT VALUES", ["pbr_auditor"]),
        };

        var failures = new List<string>();
        var refused = 0;
        foreach (var role in Roles)
        {
            await using var connection = await RoleConnection.OpenAsync(Database, role);
            foreach (var (table, column) in _tables)
            {
                foreach (var (name, sql, roles) in statements.Where(s => s.Roles.Contains(role)))
                {
                    var error = await RoleConnection.TryAsync(connection, sql(table, column));
                    if (error is null)
                    {
                        failures.Add($"{role}: {name} on {table} ran");
                    }
                    else if (error.SqlState != PostgresErrorCodes.InsufficientPrivilege || !error.MessageText.Contains(table, StringComparison.Ordinal))
                    {
                        failures.Add($"{role}: {name} on {table} failed for another reason: {error.SqlState} {error.MessageText}");
                    }
                    else
                    {
                        refused++;
                    }
                }
            }
        }

        Assert.That(failures, Is.Empty);
        Assert.That(refused, Is.EqualTo(_tables.Count * ((statements.Length * 2) - 1)), "every statement tried on every table");
    }

    [Test]
    public async Task EveryTable_CatalogPrivilegesAndOwners_NoEditRightForEitherRole()
    {
        await using var connection = await Database.OpenAsync();

        var rights = await connection.QueryAsync<string>(
            """
            SELECT r.role || ' ' || p.privilege || ' ' || c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN unnest(ARRAY['pbr_app', 'pbr_auditor']) AS r(role)
            CROSS JOIN unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'INSERT']) AS p(privilege)
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
              AND has_table_privilege(r.role, c.oid, p.privilege)
              AND NOT (r.role = 'pbr_app' AND p.privilege = 'INSERT')
            ORDER BY 1
            """);
        var owned = await connection.QueryAsync<string>(
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) IN ('pbr_app', 'pbr_auditor')
            """);

        Assert.That(rights, Is.Empty, "edit rights granted to the application or the auditor");
        Assert.That(owned, Is.Empty, "objects owned by the application or the auditor (an owner may do anything)");
    }

    [Test]
    public async Task EveryTable_Auditor_CanReadLedgerTables()
    {
        // The other half of "the auditor can only read": reading works, on every table pbr_owner owns.
        await using var connection = await RoleConnection.OpenAsync(Database, "pbr_auditor");
        await using var admin = await Database.OpenAsync();
        var owned = (await admin.QueryAsync<string>(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND pg_get_userbyid(c.relowner) = 'pbr_owner'")).ToList();

        foreach (var table in owned)
        {
            Assert.That(await RoleConnection.TryAsync(connection, $"SELECT count(*) FROM {table}"), Is.Null, table);
        }

        Assert.That(owned, Has.Count.GreaterThanOrEqualTo(8));
    }

    [TestCase("pbr_app", "CREATE TABLE intruder (x integer)")]
    [TestCase("pbr_app", "CREATE VIEW intruder AS SELECT 1 AS x")]
    [TestCase("pbr_app", "CREATE FUNCTION intruder() RETURNS integer LANGUAGE sql AS 'SELECT 1'")]
    [TestCase("pbr_app", "CREATE SEQUENCE intruder")]
    [TestCase("pbr_app", "CREATE SCHEMA intruder")]
    [TestCase("pbr_auditor", "CREATE TABLE intruder (x integer)")]
    [TestCase("pbr_auditor", "CREATE VIEW intruder AS SELECT 1 AS x")]
    [TestCase("pbr_auditor", "CREATE FUNCTION intruder() RETURNS integer LANGUAGE sql AS 'SELECT 1'")]
    [TestCase("pbr_auditor", "CREATE SEQUENCE intruder")]
    [TestCase("pbr_auditor", "CREATE SCHEMA intruder")]
    [TestCase("pbr_app", "SET ROLE pbr_owner")]
    [TestCase("pbr_auditor", "SET ROLE pbr_app")]
    [TestCase("pbr_app", "SET session_replication_role = replica")]
    [TestCase("pbr_app", "ALTER ROLE pbr_app SUPERUSER")]
    [TestCase("pbr_app", "ALTER ROLE pbr_auditor LOGIN CREATEROLE")]
    [TestCase("pbr_auditor", "GRANT pbr_app TO pbr_auditor")]
    public async Task SchemaAndRoles_CreateOrEscalate_Refused(string role, string sql)
    {
        await using var connection = await RoleConnection.OpenAsync(Database, role);

        var error = await RoleConnection.TryAsync(connection, sql);

        Assert.That(error?.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege), error?.MessageText ?? "it ran");
    }

    [TestCase("pbr_app")]
    [TestCase("pbr_auditor")]
    public async Task Grant_EditRightToItself_GrantsNothing(string role)
    {
        // A GRANT by a non-owner is only a warning in PostgreSQL, so what counts is the right afterwards.
        await using var connection = await RoleConnection.OpenAsync(Database, role);
        await connection.ExecuteAsync($"GRANT UPDATE, DELETE, TRUNCATE ON ledger_lines TO {role}");

        var can = await connection.ExecuteScalarAsync<bool>("SELECT has_table_privilege(current_user, 'ledger_lines', 'UPDATE')");

        Assert.That(can, Is.False);
    }

    [Test]
    public async Task EverySequence_SetvalAsAppOrAuditor_Refused()
    {
        await using var admin = await Database.OpenAsync();
        var sequences = (await admin.QueryAsync<string>(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY 1")).ToList();
        Assert.That(sequences, Does.Contain("runs_run_id_seq"));

        var failures = new List<string>();
        foreach (var role in Roles)
        {
            await using var connection = await RoleConnection.OpenAsync(Database, role);
            foreach (var sequence in sequences)
            {
                // setval would let a run id be reused; the auditor may not even draw a number.
                foreach (var sql in role == "pbr_app" ? [$"SELECT setval('{sequence}', 1)"] : new[] { $"SELECT setval('{sequence}', 1)", $"SELECT nextval('{sequence}')" })
                {
                    var error = await RoleConnection.TryAsync(connection, sql);
                    if (error?.SqlState != PostgresErrorCodes.InsufficientPrivilege)
                    {
                        failures.Add($"{role}: {sql}: {error?.MessageText ?? "ran"}");
                    }
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task EveryFunction_AppAndAuditor_CannotExecuteAndNoneIsSecurityDefiner()
    {
        await using var connection = await Database.OpenAsync();
        var functions = (await connection.QueryAsync<(string Signature, bool Definer)>(
            """
            SELECT p.oid::regprocedure::text, p.prosecdef
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public'
            ORDER BY 1
            """)).ToList();
        var executable = await connection.QueryAsync<string>(
            """
            SELECT r.role || ' ' || p.oid::regprocedure::text
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            CROSS JOIN unnest(ARRAY['pbr_app', 'pbr_auditor']) AS r(role)
            WHERE n.nspname = 'public' AND has_function_privilege(r.role, p.oid, 'EXECUTE')
            """);

        Assert.That(functions.Select(f => f.Signature), Does.Contain("pbr_make_append_only(text)"));
        Assert.That(functions.Where(f => f.Definer).Select(f => f.Signature), Is.Empty, "a SECURITY DEFINER function runs with its owner's rights");
        Assert.That(executable, Is.Empty, "migration functions executable by the application or the auditor");
    }

    [TestCase("pbr_app")]
    [TestCase("pbr_auditor")]
    public async Task MigrationFunction_CalledAsRole_Refused(string role)
    {
        await using var connection = await RoleConnection.OpenAsync(Database, role);

        var error = await RoleConnection.TryAsync(connection, "SELECT pbr_make_append_only('ledger_lines')");

        Assert.That(error?.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege), error?.MessageText ?? "it ran");
        Assert.That(error!.MessageText, Does.Contain("function pbr_make_append_only"), "refused at the call, not half-way through the function");
    }
}
