namespace Pbr.TestKit.Faults;

/// <summary>What makes a <see cref="Fault"/> fire.</summary>
public enum FaultKind
{
    /// <summary>A COPY data message from the client, after a number of COPY bytes on the connection.</summary>
    DropDuringCopy,

    /// <summary>A COMMIT from the client, dropped right after it reaches the server.</summary>
    DropAfterCommit,

    /// <summary>A statement containing given text, dropped a while after it reaches the server.</summary>
    DropDuringStatement,
}
