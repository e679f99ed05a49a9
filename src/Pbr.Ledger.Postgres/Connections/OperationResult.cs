namespace Pbr.Ledger.Postgres.Connections;

/// <summary>
/// The outcome of an operation on the database or the embedded cluster that can fail for reasons
/// outside the program: a value, or a message a person can act on.
/// </summary>
/// <typeparam name="T">The type of the value on success.</typeparam>
public readonly struct OperationResult<T>
{
    private readonly T _value;

    private OperationResult(T value, string? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>Gets a value indicating whether the operation succeeded.</summary>
    public bool Success => Error is null;

    /// <summary>Gets the reason the operation failed, or null when it succeeded.</summary>
    public string? Error { get; }

    /// <summary>Gets the value.</summary>
    /// <exception cref="InvalidOperationException">The operation failed.</exception>
    public T Value => Success ? _value : throw new InvalidOperationException(Error);

    /// <summary>Creates a successful result.</summary>
    public static OperationResult<T> Ok(T value) => new(value, null);

    /// <summary>Creates a failed result with a message naming the cause and, where possible, the fix.</summary>
    public static OperationResult<T> Fail(string error) => new(default!, error);

    /// <inheritdoc />
    public override string ToString() => Success ? $"Ok({_value})" : $"Fail({Error})";
}
