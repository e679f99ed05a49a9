using System.Collections.Immutable;

namespace Pbr.Dsl;

/// <summary>The type of a declared attribute as an importer must check it.</summary>
public enum AttributeType
{
    Text,
    Integer,
    Money,
    Rate,
    Boolean,
    Date,
    Enumeration,
}

/// <summary>An attribute a scheme declares, with its allowed values when it is an enumeration.</summary>
public sealed record AttributeDeclaration(string Name, AttributeType Type, ImmutableArray<string> AllowedValues);

/// <summary>Whether evidence of a kind is a spell (start and optional end) or an event (a single date).</summary>
public enum EvidenceShape
{
    Spell,
    Event,
}

/// <summary>An evidence kind a scheme declares.</summary>
public sealed record EvidenceKindDeclaration(string Name, EvidenceShape Shape, ImmutableArray<AttributeDeclaration> Attributes);
