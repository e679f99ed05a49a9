namespace Pbr.Engine.Import;

/// <summary>A diagnostic id with its text, before it is given a place in a file.</summary>
public readonly record struct ImportMessage(string Code, string Text);
