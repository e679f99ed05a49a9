namespace Pbr.Dsl.Binding;

/// <summary>The slots of the evaluation frame that built-in names occupy, and how many slots there are.</summary>
internal sealed record BoundSlots(int Count, int StartDate, int CohortSize, int BinaryRate, int FrequencyRate);
