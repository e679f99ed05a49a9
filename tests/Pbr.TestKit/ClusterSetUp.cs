namespace Pbr.TestKit;

/// <summary>
/// The base of each test assembly's <c>[SetUpFixture]</c>: stops the test cluster after the last test.
/// NUnit only honours a set-up fixture declared in the test assembly itself, so each test project
/// that uses the database declares, in its root namespace:
/// <code>
/// [SetUpFixture]
/// public sealed class DatabaseSetUp : ClusterSetUp;
/// </code>
/// </summary>
public abstract class ClusterSetUp
{
    /// <summary>Stops the cluster this process started, if any, and deletes its folder.</summary>
    [OneTimeTearDown]
    public Task StopClusterAsync() => PostgresTestCluster.StopAsync();
}
