using Pbr.Engine.Import;

namespace Pbr.Engine.Tests.Import;

/// <summary>ReadAhead reads on its own thread: the items, their order, exceptions and early stops must be as if read in turn.</summary>
public sealed class ReadAheadTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1023)]
    [TestCase(1024)]
    [TestCase(1025)]
    [TestCase(50_000)]
    public void Of_Source_SameItemsInOrder(int count)
    {
        Assert.That(ReadAhead.Of(Enumerable.Range(0, count)).ToList(), Is.EqualTo(Enumerable.Range(0, count).ToList()));
    }

    [Test]
    public void Of_SourceThrows_ItemsBeforeThenTheException()
    {
        var seen = new List<int>();

        var thrown = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var item in ReadAhead.Of(Failing(3000)))
            {
                seen.Add(item);
            }
        });

        Assert.That(thrown!.Message, Is.EqualTo("broken at 3000"));
        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 3000).ToList()));
    }

    [Test]
    public void Of_ConsumerStopsEarly_SourceDisposedBeforeTheStopReturns()
    {
        var source = new Counted(1_000_000);

        var firstTen = ReadAhead.Of(source).Take(10).ToList();

        Assert.That(firstTen, Is.EqualTo(Enumerable.Range(0, 10).ToList()));
        Assert.That(source.Disposed, Is.True);
        Assert.That(source.Read, Is.LessThan(1_000_000), "the reader stopped instead of reading on");
    }

    private static IEnumerable<int> Failing(int at)
    {
        for (var i = 0; i < at; i++)
        {
            yield return i;
        }

        throw new InvalidDataException($"broken at {at}");
    }

    private sealed class Counted(int count) : IEnumerable<int>
    {
        public volatile bool Disposed;
        public int Read;

        public IEnumerator<int> GetEnumerator()
        {
            try
            {
                for (var i = 0; i < count; i++)
                {
                    Read = i + 1;
                    yield return i;
                }
            }
            finally
            {
                Disposed = true;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
