namespace Argus.Model.Labels;

/// <summary>One name/value pair of a series' identity. Both strings are interned by <see cref="LabelStrings"/>
/// when they come through <see cref="LabelSetBuilder"/>, so equal labels usually share references.</summary>
public readonly record struct Label(string Name, string Value);
