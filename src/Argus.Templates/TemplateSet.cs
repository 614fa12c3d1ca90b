using System.Collections.Concurrent;
using Argus.Templates.Execution;
using Argus.Templates.Syntax;

namespace Argus.Templates;

/// <summary>
/// The named templates that can invoke each other (Go's <c>common</c> structure), with the functions
/// and options they were parsed with. Adding templates takes a lock; lookups during execution are
/// lock-free, so executions may run concurrently with each other (Go's rule applies: do not parse
/// into a set while templates of it execute if you need a consistent view).
/// </summary>
internal sealed class TemplateSet(TemplateFunctions functions, MissingKeyMode missingKey)
{
    private readonly ConcurrentDictionary<string, TemplateTree> _trees = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();

    public TemplateFunctions Functions { get; } = functions;

    public MissingKeyMode MissingKey { get; } = missingKey;

    public bool HasFunction(string name) => Functions.Contains(name) || Builtins.Functions.Contains(name);

    public bool TryGetFunction(string name, out TemplateFunction function, out bool isBuiltin)
    {
        if (Functions.TryGet(name, out function))
        {
            isBuiltin = false;
            return true;
        }
        isBuiltin = true;
        return Builtins.Functions.TryGet(name, out function);
    }

    public TemplateTree? Lookup(string name) => _trees.TryGetValue(name, out var tree) ? tree : null;

    public IReadOnlyList<string> Names => [.. _trees.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Parses <paramref name="text"/> as the body of <paramref name="name"/> plus its definitions and adds them.</summary>
    public void Parse(string name, string text)
    {
        var trees = Parser.Parse(name, text, HasFunction);
        lock (_writeLock)
        {
            foreach (var tree in trees.Values)
            {
                Associate(tree);
            }
        }
    }

    public TemplateSet Clone()
    {
        var copy = new TemplateSet(Functions, MissingKey);
        foreach (var entry in _trees)
        {
            copy._trees[entry.Key] = entry.Value;
        }
        return copy;
    }

    public void Add(TemplateTree tree)
    {
        lock (_writeLock)
        {
            Associate(tree);
        }
    }

    // Go's associate: a later definition replaces an earlier one, except that an empty body
    // (a file holding only definitions) does not replace a template that has content.
    private void Associate(TemplateTree tree)
    {
        if (tree.IsEmpty && _trees.ContainsKey(tree.Name))
        {
            return;
        }
        _trees[tree.Name] = tree;
    }
}
