using System.CommandLine;
using NodaTime;
using NodaTime.Text;

namespace Pbr.Cli.Settlement;

/// <summary>Options that take a date as <c>yyyy-MM-dd</c>, rejected at parse time (exit 2) otherwise.</summary>
internal static class DateOption
{
    public static Option<LocalDate?> Create(string name, string description, bool required) => new(name)
    {
        Description = description,
        Required = required,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            var parsed = LocalDatePattern.Iso.Parse(text);
            if (parsed.Success)
            {
                return parsed.Value;
            }

            result.AddError($"{name}: '{text}' is not a date (expected yyyy-MM-dd, e.g. 2024-03-31)");
            return null;
        },
    };
}
