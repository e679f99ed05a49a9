using System.Collections.Immutable;
using System.Text.Json;

namespace Pbr.Ledger.Postgres.Sql;

/// <summary>Attributes are stored as a <c>jsonb</c> object of text values, exactly as imported.</summary>
internal static class AttributesJson
{
    public static string Write(IReadOnlyDictionary<string, string> attributes) =>
        JsonSerializer.Serialize(attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value));

    public static ImmutableSortedDictionary<string, string> Read(string json)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        return values.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Reads many rows' attributes, parsing each distinct text once and sharing the result (they are
    /// immutable): a million participants have a handful of distinct attribute sets.
    /// </summary>
    public sealed class Cache
    {
        // Beyond this many distinct texts the attributes are unlikely to repeat; later ones are parsed each time.
        private const int Limit = 4096;

        private readonly Dictionary<string, ImmutableSortedDictionary<string, string>> _read = new(StringComparer.Ordinal);

        public ImmutableSortedDictionary<string, string> Read(string json)
        {
            if (_read.TryGetValue(json, out var attributes))
            {
                return attributes;
            }

            attributes = AttributesJson.Read(json);
            if (_read.Count < Limit)
            {
                _read.Add(json, attributes);
            }

            return attributes;
        }
    }
}
