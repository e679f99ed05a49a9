using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using Pbr.Core.Model;
using Pbr.Engine.Calculation;

namespace Pbr.Engine.Settlement;

/// <summary>
/// The ranges of participants a contract is priced in, shared by the threads that price them: each
/// thread takes the next range in order, and each range's lines are passed on as soon as every earlier
/// range's have been, so that they arrive in key order while later ranges are still being priced.
/// </summary>
internal sealed class PricedRanges(int count, Action<ImmutableArray<PostingLine>>? passOn)
{
    private readonly (ImmutableArray<PostingLine> Lines, ImmutableArray<EvaluationProblem> Problems)[] _results = new (ImmutableArray<PostingLine>, ImmutableArray<EvaluationProblem>)[count];
    private readonly bool[] _done = new bool[count];
    private readonly ExceptionDispatchInfo?[] _errors = new ExceptionDispatchInfo?[count];
    private readonly Lock _gate = new();
    private int _next = -1;
    private int _passedOn;
    private bool _stopPassing;
    private volatile bool _failed;

    /// <summary>Prices ranges with <paramref name="price"/> until none is left (or one has failed).</summary>
    public void Work(Func<int, (ImmutableArray<PostingLine> Lines, ImmutableArray<EvaluationProblem> Problems)> price)
    {
        int i;
        while (!_failed && (i = Interlocked.Increment(ref _next)) < count)
        {
            try
            {
                _results[i] = price(i);
            }
            catch (Exception e)
            {
                // Bad input (a participant twice, a row of another contract) stops every thread; it is
                // reported as on one thread, from the earliest range that failed.
                _errors[i] = ExceptionDispatchInfo.Capture(e);
                _failed = true;
                return;
            }

            lock (_gate)
            {
                _done[i] = true;
                PassOnReady();
            }
        }
    }

    /// <summary>The ranges' lines one after another and their problems, once every thread has finished.</summary>
    public (ImmutableArray<PostingLine> Lines, ImmutableArray<EvaluationProblem> Problems) Result()
    {
        Array.Find(_errors, e => e is not null)?.Throw();
        var problems = Calculator.Sorted(_results.SelectMany(r => r.Problems));
        return problems.IsEmpty ? ([.. _results.SelectMany(r => r.Lines)], problems) : ([], problems);
    }

    private void PassOnReady()
    {
        while (passOn is not null && !_stopPassing && _passedOn < count && _done[_passedOn])
        {
            var (lines, problems) = _results[_passedOn];
            if (!problems.IsEmpty)
            {
                // The plan will post nothing: what follows need not be written.
                _stopPassing = true;
                return;
            }

            passOn(lines);
            _passedOn++;
        }
    }
}
