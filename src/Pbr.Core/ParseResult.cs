namespace Pbr.Core;

/// <summary>
/// The outcome of parsing text that may be wrong: a value, or the reason it could not be read.
/// Expected failures are values, not exceptions.
/// </summary>
public readonly struct ParseResult<T>
{
    private readonly T _value;

    private ParseResult(T value, string? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>Gets a value indicating whether parsing succeeded.</summary>
    public bool Success => Error is null;

    /// <summary>Gets the reason parsing failed, or null when it succeeded.</summary>
    public string? Error { get; }

    /// <summary>Gets the parsed value.</summary>
    /// <exception cref="InvalidOperationException">Parsing failed.</exception>
    public T Value => Success ? _value : throw new InvalidOperationException(Error);

    public static ParseResult<T> Ok(T value) => new(value, null);

    /// <summary>Creates a failure; the reason is required, since a null reason would read as success.</summary>
    public static ParseResult<T> Fail(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(default!, error);
    }
}
