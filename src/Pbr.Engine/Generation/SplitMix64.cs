namespace Pbr.Engine.Generation;

/// <summary>
/// A small seeded pseudo-random generator (Steele, Lea and Flood's SplitMix64). Its output is
/// fixed by its published definition, so a seed gives the same data on every machine and every
/// .NET version, which <see cref="Random"/> does not promise.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Returns a whole number from <paramref name="min"/> to <paramref name="max"/>, both inclusive.</summary>
    public int Between(int min, int max) => min + (int)(Next() % (ulong)((long)max - min + 1));

    /// <summary>Returns true with the given chance in a thousand.</summary>
    public bool PerMille(int chance) => Between(0, 999) < chance;

    /// <summary>Picks an index with the given weights.</summary>
    public int Weighted(ReadOnlySpan<int> weights)
    {
        var total = 0;
        foreach (var w in weights)
        {
            total += w;
        }

        var roll = Between(0, total - 1);
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
