using System.Text;

namespace Pbr.TestKit.Fuzzing;

/// <summary>Quoting every field: a harmless rewrite under RFC 4180, so a reader must read the same rows.</summary>
public static partial class Mutations
{
    /// <summary>
    /// Rewrites valid RFC 4180 text with every field quoted and inner quotes doubled, keeping record
    /// boundaries on the same lines. Its own small parser, independent of the readers under test.
    /// </summary>
    public static byte[] QuoteAll(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var output = new StringBuilder();
        var field = new StringBuilder();
        var quoted = false;
        var atFieldStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    break;
                case ',':
                    Emit(output, field).Append(',');
                    atFieldStart = true;
                    break;
                case '\r' or '\n':
                    if (!atFieldStart || field.Length > 0 || (output.Length > 0 && output[^1] == ','))
                    {
                        Emit(output, field);
                    }

                    output.Append(c);
                    atFieldStart = true;
                    break;
                default:
                    field.Append(c);
                    atFieldStart = false;
                    break;
            }
        }

        if (!atFieldStart || field.Length > 0)
        {
            Emit(output, field);
        }

        return Encoding.UTF8.GetBytes(output.ToString());
    }

    private static StringBuilder Emit(StringBuilder output, StringBuilder field)
    {
        output.Append('"').Append(field.Replace("\"", "\"\"")).Append('"');
        field.Clear();
        return output;
    }
}
