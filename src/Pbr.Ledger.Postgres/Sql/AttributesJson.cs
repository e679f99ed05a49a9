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
}
