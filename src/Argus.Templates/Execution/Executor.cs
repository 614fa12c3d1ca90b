using System.Collections;
using System.Reflection;
using Argus.Templates.Formatting;
using Argus.Templates.Syntax;

namespace Argus.Templates.Execution;

/// <summary>
/// Executes a parsed template tree against data, following Go's <c>text/template/exec.go</c>. One
/// executor serves one execution: it owns the variable stack and writer and is not shared between
/// threads; the trees and function set it reads are immutable.
/// </summary>
internal sealed class Executor
{
    /// <summary>
    /// Nesting limit of <c>{{template}}</c> calls. Go allows 100000; a .NET thread stack holds far fewer
    /// frames, so recursion is cut off earlier with the same error.
    /// </summary>
    private const int MaxTemplateDepth = 1000;

    private static readonly object MissingFinal = new();

    private readonly TemplateSet _set;
    private readonly TextWriter _writer;
    private readonly List<KeyValuePair<string, object?>> _vars = [];
    private TemplateTree _tree;
    private Node? _node;
    private int _depth;

    private Executor(TemplateSet set, TemplateTree tree, TextWriter writer)
    {
        _set = set;
        _tree = tree;
        _writer = writer;
    }

    public static void Execute(TemplateSet set, TemplateTree tree, TextWriter writer, object? data)
    {
        var executor = new Executor(set, tree, writer);
        var dot = data ?? NoValue.Instance;
        executor._vars.Add(new("$", dot));
        try
        {
            executor.Walk(dot, tree.Root);
        }
        catch (Exception e) when (e is not (TemplateExecutionException or OutOfMemoryException or IOException))
        {
            // Data objects and enumerations can throw anything; callers only need to handle one type.
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            throw executor.Error(cause.Message, cause);
        }
    }

    private Flow Walk(object? dot, Node node)
    {
        _node = node;
        switch (node)
        {
            case ActionNode action:
                var value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Declarations.Count == 0)
                {
                    PrintValue(action, value);
                }
                return Flow.Normal;
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            case IfNode ifNode:
                return WalkIfOrWith(dot, ifNode, isWith: false);
            case WithNode withNode:
                return WalkIfOrWith(dot, withNode, isWith: true);
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    var flow = Walk(dot, child);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }
                return Flow.Normal;
            case RangeNode range:
                WalkRange(dot, range);
                return Flow.Normal;
            case TemplateNode template:
                WalkTemplate(dot, template);
                return Flow.Normal;
            case TextNode text:
                _writer.Write(text.Text);
                return Flow.Normal;
            default:
                throw Error($"unknown node: {node}");
        }
    }

    private Flow WalkIfOrWith(object? dot, BranchNode branch, bool isWith)
    {
        var mark = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, branch.Pipe);
            if (GoValues.IsTrue(value))
            {
                return Walk(isWith ? value : dot, branch.List);
            }
            if (branch.ElseList is not null)
            {
                return Walk(dot, branch.ElseList);
            }
            return Flow.Normal;
        }
        finally
        {
            Pop(mark);
        }
    }

    private void WalkRange(object? dot, RangeNode range)
    {
        _node = range;
        var mark = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, range.Pipe);
            var bodyMark = _vars.Count;
            var iterated = false;
            bool Iterate(object? index, object? element)
            {
                iterated = true;
                var decl = range.Pipe.Declarations;
                if (decl.Count > 0)
                {
                    if (range.Pipe.IsAssign)
                    {
                        SetVar(decl[0].Ident[0], decl.Count > 1 ? index : element);
                        if (decl.Count > 1)
                        {
                            SetVar(decl[1].Ident[0], element);
                        }
                    }
                    else
                    {
                        _vars[bodyMark - 1] = new(_vars[bodyMark - 1].Key, element);
                        if (decl.Count > 1)
                        {
                            _vars[bodyMark - 2] = new(_vars[bodyMark - 2].Key, index);
                        }
                    }
                }
                try
                {
                    return Walk(element, range.List) != Flow.Break;
                }
                finally
                {
                    Pop(bodyMark);
                }
            }
            switch (GoValues.KindOf(value))
            {
                case GoKind.Slice:
                    long i = 0;
                    foreach (var element in (IEnumerable)value!)
                    {
                        if (!Iterate(i++, element))
                        {
                            break;
                        }
                    }
                    break;
                case GoKind.Map:
                    foreach (var entry in MapShape.For(value!.GetType())!.SortedEntries(value!))
                    {
                        if (!Iterate(entry.Key, entry.Value))
                        {
                            break;
                        }
                    }
                    break;
                case GoKind.Int:
                case GoKind.Uint:
                    if (range.Pipe.Declarations.Count > 1)
                    {
                        throw Error($"can't use {GoFormatter.FormatV(value)} to iterate over more than one variable");
                    }
                    var count = GoValues.ToInt64(value!);
                    for (long n = 0; n < count; n++)
                    {
                        if (!Iterate(n, n))
                        {
                            break;
                        }
                    }
                    break;
                case GoKind.Invalid:
                case GoKind.Nil:
                    break;
                default:
                    throw Error($"range can't iterate over {GoFormatter.FormatV(value)}");
            }
            if (!iterated && range.ElseList is not null)
            {
                Walk(dot, range.ElseList);
            }
        }
        finally
        {
            Pop(mark);
        }
    }

    private void WalkTemplate(object? dot, TemplateNode node)
    {
        _node = node;
        var tree = _set.Lookup(node.Name) ?? throw Error($"template {GoLiteral.Quote(node.Name)} not defined");
        if (_depth >= MaxTemplateDepth)
        {
            throw Error($"exceeded maximum template depth ({MaxTemplateDepth})");
        }
        var newDot = node.Pipe is null ? NoValue.Instance : EvalPipeline(dot, node.Pipe);
        var savedTree = _tree;
        var savedVars = _vars.ToArray();
        _vars.Clear();
        _vars.Add(new("$", newDot));
        _tree = tree;
        _depth++;
        try
        {
            Walk(newDot, tree.Root);
        }
        finally
        {
            _depth--;
            _tree = savedTree;
            _vars.Clear();
            _vars.AddRange(savedVars);
            _node = node;
        }
    }

    private object? EvalPipeline(object? dot, PipeNode pipe)
    {
        _node = pipe;
        var value = MissingFinal;
        foreach (var command in pipe.Commands)
        {
            value = EvalCommand(dot, command, value);
        }
        foreach (var variable in pipe.Declarations)
        {
            if (pipe.IsAssign)
            {
                SetVar(variable.Ident[0], value);
            }
            else
            {
                _vars.Add(new(variable.Ident[0], value));
            }
        }
        return value;
    }

    private object? EvalCommand(object? dot, CommandNode command, object? final)
    {
        var first = command.Args[0];
        switch (first)
        {
            case FieldNode field:
                return EvalFieldChain(dot, dot, field, field.Ident, command.Args, final);
            case ChainNode chain:
                return EvalChain(dot, chain, command.Args, final);
            case IdentifierNode identifier:
                return EvalFunction(dot, identifier, command, command.Args, final);
            case PipeNode pipe:
                NotAFunction(command.Args, final);
                return EvalPipeline(dot, pipe);
            case VariableNode variable:
                return EvalVariable(dot, variable, command.Args, final);
        }
        _node = first;
        NotAFunction(command.Args, final);
        return first switch
        {
            BoolNode b => b.Value,
            DotNode => dot,
            NilNode => throw Error("nil is not a command"),
            NumberNode n => n.IsInt ? (object)n.IntValue : n.FloatValue,
            StringNode s => s.Text,
            _ => throw Error($"can't evaluate command {GoLiteral.Quote(first.ToString()!)}"),
        };
    }

    private void NotAFunction(List<Node> args, object? final)
    {
        if (args.Count > 1 || final != MissingFinal)
        {
            throw Error($"can't give argument to non-function {args[0]}");
        }
    }

    private object? EvalArg(object? dot, Node node)
    {
        _node = node;
        return node switch
        {
            DotNode => dot,
            NilNode => null,
            FieldNode field => EvalFieldChain(dot, dot, field, field.Ident, [field], MissingFinal),
            VariableNode variable => EvalVariable(dot, variable, [variable], MissingFinal),
            PipeNode pipe => EvalPipeline(dot, pipe),
            IdentifierNode identifier => EvalFunction(dot, identifier, identifier, [identifier], MissingFinal),
            ChainNode chain => EvalChain(dot, chain, [chain], MissingFinal),
            BoolNode b => b.Value,
            NumberNode n => n.IsInt ? (object)n.IntValue : n.FloatValue,
            StringNode s => s.Text,
            _ => throw Error($"can't handle {node} for arg"),
        };
    }

    private object? EvalVariable(object? dot, VariableNode variable, List<Node> args, object? final)
    {
        _node = variable;
        var value = LookupVar(variable.Ident[0]);
        if (variable.Ident.Length == 1)
        {
            NotAFunction(args, final);
            return value;
        }
        return EvalFieldChain(dot, value, variable, variable.Ident[1..], args, final);
    }

    private object? EvalChain(object? dot, ChainNode chain, List<Node> args, object? final)
    {
        if (chain.Node is NilNode)
        {
            throw Error($"indirection through explicit nil in {chain}");
        }
        var pipe = EvalArg(dot, chain.Node);
        _node = chain;
        return EvalFieldChain(dot, pipe, chain, [.. chain.Fields], args, final);
    }

    private object? EvalFieldChain(object? dot, object? receiver, Node node, string[] ident, List<Node> args, object? final)
    {
        var n = ident.Length;
        for (var i = 0; i < n - 1; i++)
        {
            receiver = EvalField(dot, ident[i], node, [], MissingFinal, receiver);
        }
        return EvalField(dot, ident[n - 1], node, args, final, receiver);
    }

    private object? EvalField(object? dot, string fieldName, Node node, List<Node> args, object? final, object? receiver)
    {
        _node = node;
        if (receiver is NoValue)
        {
            if (_set.MissingKey == MissingKeyMode.Error)
            {
                throw Error($"nil data; no entry for key {GoLiteral.Quote(fieldName)}");
            }
            return NoValue.Instance;
        }
        if (receiver is null)
        {
            throw Error($"nil pointer evaluating interface {{}}.{fieldName}");
        }
        var hasArgs = args.Count > 1 || final != MissingFinal;
        if (receiver is DateTime or DateTimeOffset or TimeSpan)
        {
            var timeArgs = EvalMethodArgs(dot, args, final);
            try
            {
                if (GoTimeMethods.TryInvoke(receiver, fieldName, timeArgs, out var result))
                {
                    return result;
                }
            }
            catch (Exception e) when (e is InvalidOperationException or TemplateArgumentException)
            {
                throw Error($"error calling {fieldName}: {e.Message}", e);
            }
        }
        var type = receiver.GetType();
        var member = MemberShape.Find(type, fieldName);
        if (member is not null && member.IsMethod)
        {
            return CallMethod(dot, receiver, member, fieldName, args, final);
        }
        if (member is not null)
        {
            if (hasArgs)
            {
                throw Error($"{fieldName} has arguments but cannot be invoked as function");
            }
            return member.GetValue(receiver);
        }
        var map = MapShape.For(type);
        if (map is not null)
        {
            if (hasArgs)
            {
                throw Error($"{fieldName} is not a method but has arguments");
            }
            if (map.TryGet(receiver, fieldName, out var value))
            {
                return value;
            }
            return _set.MissingKey switch
            {
                MissingKeyMode.Zero => map.ZeroValue,
                MissingKeyMode.Error => throw Error($"map has no entry for key {GoLiteral.Quote(fieldName)}"),
                _ => NoValue.Instance,
            };
        }
        throw Error($"can't evaluate field {fieldName} in type {GoValues.TypeName(receiver)}");
    }

    private object?[] EvalMethodArgs(object? dot, List<Node> args, object? final)
    {
        var values = new List<object?>();
        for (var i = 1; i < args.Count; i++)
        {
            values.Add(Unwrap(EvalArg(dot, args[i])));
        }
        if (final != MissingFinal)
        {
            values.Add(Unwrap(final));
        }
        return [.. values];
    }

    private object? CallMethod(object? dot, object receiver, MemberShape member, string name, List<Node> args, object? final)
    {
        var values = EvalMethodArgs(dot, args, final);
        var method = member.Methods.FirstOrDefault(m => m.GetParameters().Length == values.Length)
            ?? throw Error($"wrong number of args for {name}: want {member.Methods[0].GetParameters().Length} got {values.Length}");
        var parameters = method.GetParameters();
        var converted = new object?[values.Length];
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                converted[i] = ArgumentConverter.Convert(values[i], parameters[i].ParameterType);
            }
        }
        catch (TemplateArgumentException e)
        {
            throw Error(e.Message, e);
        }
        try
        {
            return method.Invoke(receiver, converted);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw Error($"error calling {name}: {e.InnerException.Message}", e.InnerException);
        }
    }

    private object? EvalFunction(object? dot, IdentifierNode node, Node callNode, List<Node> args, object? final)
    {
        _node = node;
        if (!_set.TryGetFunction(node.Name, out var function, out var isBuiltin))
        {
            throw Error($"{GoLiteral.Quote(node.Name)} is not a defined function");
        }
        var count = args.Count - 1 + (final != MissingFinal ? 1 : 0);
        _node = callNode;
        if (function.MaxArgs < 0 ? count < function.MinArgs : count < function.MinArgs || count > function.MaxArgs)
        {
            var want = function.MaxArgs < 0 ? $"at least {function.MinArgs}" : function.MinArgs == function.MaxArgs
                ? function.MinArgs.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : $"{function.MinArgs} to {function.MaxArgs}";
            throw Error($"wrong number of args for {node.Name}: want {want} got {count}");
        }
        if (isBuiltin && node.Name is "and" or "or")
        {
            // Go 1.18+: evaluate operands left to right and stop at the first that decides the result.
            var wantTruth = node.Name == "or";
            object? value = null;
            for (var i = 1; i <= count; i++)
            {
                value = i < args.Count ? EvalArg(dot, args[i]) : final;
                if (GoValues.IsTrue(value) == wantTruth)
                {
                    return value;
                }
            }
            return value;
        }
        var values = new object?[count];
        for (var i = 1; i < args.Count; i++)
        {
            values[i - 1] = Unwrap(EvalArg(dot, args[i]));
        }
        if (final != MissingFinal)
        {
            values[count - 1] = Unwrap(final);
        }
        _node = callNode;
        try
        {
            return function.Invoke(values);
        }
        catch (TemplateArgumentException e)
        {
            throw Error(e.Message, e);
        }
        catch (TemplateExecutionException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Error($"error calling {node.Name}: {e.Message}", e);
        }
    }

    private static object? Unwrap(object? value) => value is NoValue ? null : value;

    private void PrintValue(Node node, object? value)
    {
        _node = node;
        if (GoValues.KindOf(value) == GoKind.Func)
        {
            throw Error($"can't print {node} of type {GoValues.TypeName(value)}");
        }
        _writer.Write(value is NoValue ? "<no value>" : GoFormatter.FormatV(value));
    }

    private object? LookupVar(string name)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Key == name)
            {
                return _vars[i].Value;
            }
        }
        throw Error($"undefined variable: {name}");
    }

    private void SetVar(string name, object? value)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Key == name)
            {
                _vars[i] = new(name, value);
                return;
            }
        }
        throw Error($"undefined variable: {name}");
    }

    private void Pop(int mark) => _vars.RemoveRange(mark, _vars.Count - mark);

    private TemplateExecutionException Error(string message, Exception? inner = null)
    {
        var node = _node;
        if (node is null)
        {
            return new TemplateExecutionException($"template: {_tree.Name}: {message}", inner);
        }
        var context = node.ToString() ?? string.Empty;
        if (context.Length > 20)
        {
            context = context[..20] + "...";
        }
        return new TemplateExecutionException(
            $"template: {_tree.Location(node)}: executing {GoLiteral.Quote(_tree.Name)} at <{context}>: {message}", inner);
    }
}
