namespace Pbr.Engine.Import;

/// <summary>
/// The first accepted row of each key of a file, for the rule that a key seen again is a duplicate
/// (same content) or a conflict (other content).
/// </summary>
/// <remarks>
/// Extracts usually come sorted by their key. While each key is greater than the one before, a key can
/// only repeat the last one, so a comparison with it is the whole check. A dictionary of millions of
/// keys cost a cache miss or two per row, about a second at three million evidence rows. The first key
/// out of order builds the dictionary from the keys so far and the rest of the file uses it.
/// </remarks>
internal sealed class FirstRows<TKey>(Comparison<TKey>? order)
    where TKey : notnull
{
    private readonly List<TKey> _keys = [];
    private Dictionary<TKey, int>? _byKey = order is null ? [] : null;

    /// <summary>
    /// Gets the index of the row the key was first accepted at, or records <paramref name="row"/> as its first.
    /// Keys are passed in the order rows are accepted, <paramref name="row"/> being the count accepted so far.
    /// </summary>
    /// <returns>True when the key was seen before (<paramref name="first"/> is set); false when it is new.</returns>
    public bool Seen(TKey key, int row, out int first)
    {
        if (_byKey is null)
        {
            var last = _keys.Count - 1;
            var c = last < 0 ? 1 : order!(key, _keys[last]);
            if (c > 0)
            {
                _keys.Add(key);
                first = -1;
                return false;
            }

            if (c == 0 && EqualityComparer<TKey>.Default.Equals(key, _keys[last]))
            {
                // While keys come in order, the i-th key is the i-th accepted row.
                first = last;
                return true;
            }

            // Out of order (or equal by the order but not the same key): from here on, look keys up.
            _byKey = new Dictionary<TKey, int>(_keys.Count * 2);
            for (var i = 0; i < _keys.Count; i++)
            {
                _byKey.Add(_keys[i], i);
            }

            _keys.Clear();
            _keys.TrimExcess();
        }

        if (_byKey.TryGetValue(key, out first))
        {
            return true;
        }

        _byKey.Add(key, row);
        first = -1;
        return false;
    }
}
