namespace Argus.Config.Relabeling;

/// <summary>What a relabel rule does; see <see cref="Relabeler"/> for the exact semantics.</summary>
public enum RelabelAction
{
    Replace,
    Keep,
    Drop,
    KeepEqual,
    DropEqual,
    HashMod,
    LabelMap,
    LabelDrop,
    LabelKeep,
    Lowercase,
    Uppercase,
}
