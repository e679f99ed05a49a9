using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Pbr.Benchmarks;
using Pbr.Benchmarks.Charts;
using Pbr.Benchmarks.Peers;

// dotnet run -c Release --project tests/Pbr.Benchmarks -- --filter '*' --job short   BenchmarkDotNet
// dotnet run -c Release --project tests/Pbr.Benchmarks -- check [N]                    equal amounts, quick timing
// dotnet run -c Release --project tests/Pbr.Benchmarks -- parse FILE                   the CSV parse floor
// dotnet run -c Release --project tests/Pbr.Benchmarks -- chart RESULTS.tsv OUT.png    time against N from e2e.sh's RESULTS
// dotnet run -c Release --project tests/Pbr.Benchmarks -- evaluate SECONDS              price as a settlement does, in a loop, for a profiler
// dotnet run -c Release --project tests/Pbr.Benchmarks -- plan SECONDS                  plan a contract as a settlement does, in a loop, for a profiler
if (args is ["parse", var file])
{
    return ParseFloor.Run(file);
}

if (args is ["chart", var results, var png])
{
    return TimeAgainstN.Run(results, png);
}

if (args is ["evaluate", var seconds])
{
    return EvaluationLoop.Run(double.Parse(seconds, CultureInfo.InvariantCulture));
}

if (args is ["plan", var planSeconds])
{
    return PlanBenchmarks.Loop(double.Parse(planSeconds, CultureInfo.InvariantCulture));
}

if (args is ["check", ..])
{
    var n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
    var data = WorkProgrammeData.Create(n, seed: 42);
    var peer = new RulesEngineTariff();
    var total = Equivalence.Check(data, peer);
    Console.WriteLine(FormattableString.Invariant($"{n} participants: PbrEngine and RulesEngine agree on every participant, total {total} p"));
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(EvaluationBenchmarks).Assembly).Run(args);
return 0;
