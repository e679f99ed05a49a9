using Pbr.TestKit;

namespace Pbr.Benchmarks.Tests;

/// <summary>Stops this assembly's test cluster after the last test.</summary>
[SetUpFixture]
public sealed class DatabaseSetUp : ClusterSetUp;
