namespace Argus.Templates.Tests;

/// <summary>Go text/template behaviour, case by case, as documented for Go's package and observed from Go.</summary>
public sealed class TextTemplateTests
{
    private static readonly Dictionary<string, object?> Data = new()
    {
        ["Str"] = "hello",
        ["Empty"] = "",
        ["Int"] = 42,
        ["Zero"] = 0,
        ["Float"] = 1e6,
        ["Half"] = 0.5,
        ["True"] = true,
        ["False"] = false,
        ["Nil"] = null,
        ["List"] = new List<string> { "a", "b", "c" },
        ["EmptyList"] = new List<string>(),
        ["Ints"] = new[] { 3, 1, 2 },
        ["Map"] = new Dictionary<string, string> { ["z"] = "last", ["a"] = "first", ["m"] = "middle" },
        ["Nested"] = new Dictionary<string, object?> { ["Inner"] = new Dictionary<string, object?> { ["Leaf"] = "deep" } },
        ["Obj"] = new Sample("Ann", 7),
        ["Faulty"] = new FaultySample(),
    };

    public sealed class FaultySample
    {
        public string Broken => throw new InvalidOperationException("getter failed");
    }

    public sealed class Sample(string name, int age)
    {
        public string Name { get; } = name;

        public int Age { get; } = age;

        public string Greet(string whom) => $"{Name} greets {whom}";

        public string Shout() => Name.ToUpperInvariant();

        public Sample Self => this;
    }

    public static TheoryData<string, string> Cases => new()
    {
        // Text, comments, trimming.
        { "plain text", "plain text" },
        { "a {{/* comment */}} b", "a  b" },
        { "a  {{- /* comment */ -}}  b", "ab" },
        { "x \n\t {{- .Str -}} \n y", "xhelloy" },
        { "{{- 3 }}", "3" },
        { "{{ -3 }}", "-3" },
        // Constants.
        { "{{ \"quoted\\tstring\" }}", "quoted\tstring" },
        { "{{ `raw\\n` }}", "raw\\n" },
        { "{{ 'a' }}", "97" },
        { "{{ 0x1F }} {{ 0o17 }} {{ 0b101 }} {{ 1_000 }}", "31 15 5 1000" },
        { "{{ 1.5 }} {{ 1e3 }} {{ 1e6 }} {{ .Float }}", "1.5 1000 1e+06 1e+06" },
        { "{{ true }} {{ false }}", "true false" },
        // Fields, maps, missing keys.
        { "{{ .Str }} {{ .Map.a }}", "hello first" },
        { "{{ .Map.missing }}", "<no value>" },
        { "{{ .Nested.Inner.Leaf }}", "deep" },
        { "{{ .Nested.Missing.Leaf }}", "<no value>" },
        { "{{ .Nil }}", "<nil>" },
        { "{{ .Map }}", "map[a:first m:middle z:last]" },
        { "{{ .List }} {{ .EmptyList }}", "[a b c] []" },
        { "{{ .Obj.Name }} {{ .Obj.Age }} {{ .Obj.Self.Name }}", "Ann 7 Ann" },
        { "{{ .Obj.Greet \"Bob\" }} {{ .Obj.Shout }}", "Ann greets Bob ANN" },
        { "{{ \"Cy\" | .Obj.Greet }}", "Ann greets Cy" },
        { "{{ (.Obj).Name }}", "Ann" },
        // Variables.
        { "{{ $x := 1 }}{{ $x }}{{ $x = 2 }}{{ $x }}", "12" },
        { "{{ $ := . }}{{ $.Str }}", "hello" },
        { "{{ with $x := .Str }}{{ $x }}{{ end }}", "hello" },
        { "{{ range $i, $e := .List }}{{ $i }}={{ $e }};{{ end }}", "0=a;1=b;2=c;" },
        { "{{ range $e := .List }}{{ $e }}{{ end }}", "abc" },
        { "{{ range $k, $v := .Map }}{{ $k }}:{{ $v }} {{ end }}", "a:first m:middle z:last " },
        { "{{ $n := 0 }}{{ range .List }}{{ $n = 1 }}{{ end }}{{ $n }}", "1" },
        // Control structures.
        { "{{ if .True }}yes{{ else }}no{{ end }}", "yes" },
        { "{{ if .Zero }}yes{{ else if .Empty }}mid{{ else }}no{{ end }}", "no" },
        { "{{ if .EmptyList }}x{{ else if .List }}list{{ end }}", "list" },
        { "{{ with .Str }}{{ . }}{{ end }}", "hello" },
        { "{{ with .Empty }}{{ . }}{{ else }}empty{{ end }}", "empty" },
        { "{{ with .Empty }}a{{ else with .Str }}{{ . }}{{ end }}", "hello" },
        { "{{ range .List }}{{ . }}{{ end }}", "abc" },
        { "{{ range .EmptyList }}x{{ else }}none{{ end }}", "none" },
        { "{{ range .Map.missing }}x{{ else }}none{{ end }}", "none" },
        { "{{ range .List }}{{ if eq . \"b\" }}{{ break }}{{ end }}{{ . }}{{ end }}", "a" },
        { "{{ range .List }}{{ if eq . \"b\" }}{{ continue }}{{ end }}{{ . }}{{ end }}", "ac" },
        { "{{ range 3 }}{{ . }}{{ end }}", "012" },
        { "{{ range .Ints }}{{ . }}{{ end }}", "312" },
        // define / template / block.
        { "{{ define \"T\" }}[{{ . }}]{{ end }}{{ template \"T\" .Str }}", "[hello]" },
        { "{{ define \"T\" }}{{ . }}{{ end }}{{ template \"T\" }}", "<no value>" },
        { "{{ block \"B\" .Int }}<{{ . }}>{{ end }}", "<42>" },
        { "{{ define \"T\" }}{{ $ }}{{ end }}{{ $x := 5 }}{{ template \"T\" $x }}", "5" },
        // Logic and comparison.
        { "{{ and 1 0 2 }} {{ and 1 2 }} {{ or 0 \"\" }} {{ or 0 3 }}", "0 2  3" },
        { "{{ not 0 }} {{ not .Str }}", "true false" },
        { "{{ and .False .Nil.Missing }}", "false" },
        { "{{ or .True .Nil.Missing }}", "true" },
        { "{{ eq 1 1 }} {{ eq \"a\" \"b\" \"a\" }} {{ ne 1 2 }}", "true true true" },
        { "{{ lt 1 2 }} {{ le 2 2 }} {{ gt 1.5 0.5 }} {{ ge \"b\" \"a\" }}", "true true true true" },
        { "{{ eq .Map.missing \"x\" }}", "false" },
        { "{{ eq .Int 42 }}", "true" },
        // len, index, slice.
        { "{{ len .List }} {{ len .Map }} {{ len \"héllo\" }}", "3 3 6" },
        { "{{ index .List 1 }} {{ index .Map \"m\" }} {{ index .Map \"nope\" }}|", "b middle |" },
        { "{{ index \"abc\" 1 }}", "98" },
        { "{{ slice .List 1 }} {{ slice .List 1 2 }} {{ slice \"hello\" 1 3 }}", "[b c] [b] el" },
        // print family and escapers.
        { "{{ print 1 2 \"a\" 3 \"b\" \"c\" }}", "1 2a3bc" },
        { "{{ println 1 \"a\" }}", "1 a\n" },
        { "{{ html \"<a href='x'>&\\\"\" }}", "&lt;a href=&#39;x&#39;&gt;&amp;&#34;" },
        { "{{ js \"it's <b>\" }}", "it\\'s \\u003Cb\\u003E" },
        { "{{ urlquery \"a b&c=d/é\" }}", "a+b%26c%3Dd%2F%C3%A9" },
        { "{{ .Str | printf \"%s!\" }}", "hello!" },
        { "{{ .List | len | printf \"%d items\" }}", "3 items" },
        // printf verbs.
        { "{{ printf \"%d %5d|%-5d|%05d %+d %x %X %o %b %c %q %U\" 42 42 42 42 42 255 255 8 5 65 65 65 }}", "42    42|42   |00042 +42 ff FF 10 101 A 'A' U+0041" },
        { "{{ printf \"%s|%10s|%-10s|%.2s|%q|%x\" \"go\" \"go\" \"go\" \"golang\" \"a\\\"b\" \"hi\" }}", "go|        go|go        |go|\"a\\\"b\"|6869" },
        { "{{ printf \"%f %.2f %8.3f %e %.3e %g %.3g %g %G\" 3.14159 3.14159 3.14159 1234.5678 1234.5678 0.000012345 1234.5678 100000000.0 1e-7 }}", "3.141590 3.14    3.142 1.234568e+03 1.235e+03 1.2345e-05 1.23e+03 1e+08 1E-07" },
        { "{{ printf \"%v %v %v %v %v\" 1 1.0 \"s\" true .Nil }}", "1 1 s true <nil>" },
        { "{{ printf \"%v\" .Map }} {{ printf \"%v\" .Ints }} {{ printf \"%q\" .List }}", "map[a:first m:middle z:last] [3 1 2] [\"a\" \"b\" \"c\"]" },
        { "{{ printf \"%t %v%%\" true 5 }}", "true 5%" },
        { "{{ printf \"%d\" \"x\" }} {{ printf \"%s\" 5 }} {{ printf \"%d\" }} {{ printf \"%d\" 1 2 }}", "%!d(string=x) %!s(int=5) %!d(MISSING) 1%!(EXTRA int=2)" },
        { "{{ printf \"%.2f\" 2 }}", "%!f(int=2)" },
        { "{{ printf \"%*d|%.*f\" 4 7 1 2.25 }}", "   7|2.2" },
        { "{{ printf \"%.0f %.1f %.2f\" 2.5 0.25 1.005 }}", "2 0.2 1.00" },
        { "{{ printf \"%6.2f%%\" 12.3456 }}", " 12.35%" },
        { "{{ printf \"%T %T %T %T\" 1 1.5 \"s\" .List }}", "int float64 string []string" },
        { "{{ printf \"%v %v\" .Float .Half }}", "1e+06 0.5" },
        { "{{ printf \"%[2]s %[1]s %s\" \"a\" \"b\" }}", "b a b" },
        { "{{ printf \"%04x\" 127 }} {{ printf \"%#q\" \"raw\" }} {{ printf `%T` 0xef }}", "007f `raw` int" },
        { "{{ \"aaa\" | printf }}", "aaa" },
        { "{{ and false 0 }} {{ and 1 0 }} {{ and 0 true }} {{ and 1 1 }}", "false 0 0 1" },
        { "{{ or 0 0 }} {{ or 1 0 }} {{ or 0 true }} {{ or 1 1 }}", "0 1 true 1" },
        { "{{ if and true 1 `hi` | not }}T{{ else }}F{{ end }}", "F" },
        { "{{ if $x := true }}{{ with $x := .Int }}{{ $x }},{{ end }}{{ $x }}{{ end }}", "42,true" },
        { "{{ range $x := .List }}<{{ $foo := $x }}{{ $x }}>{{ end }}", "<a><b><c>" },
        { "{{ with 1.5 }}{{ . }}{{ end }} {{ with 0 }}{{ . }}{{ else }}ZERO{{ end }}", "1.5 ZERO" },
        { "{{ or .EmptyList \"list is empty\" }} {{ or .List \"x\" }}", "list is empty [a b c]" },
        { "{{ range .Map }}-{{ . }}-{{ end }}", "-first--middle--last-" },
        { "{{ (index .Nested \"Inner\").Leaf }} {{ print (.Obj).Age }}", "deep 7" },
        { "{{ printf \"%[3]d\" 1 }}", "%!d(BADINDEX)" },
        { "{{ printf \"%6.2v|%-8q|%x\" 3.14159 \"hi\" -255 }}", "   3.1|\"hi\"    |-ff" },
        { "{{ range $i, $e := .List }}{{ end }}{{ $a := 0 }}{{ $b := 0 }}{{ range $a, $b = .List }}{{ end }}{{ $a }}{{ $b }}", "2c" },
        { "{{ with $x := .Empty }}{{ else with $y := .Str }}{{ $y }}{{ end }}", "hello" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_like_go(string template, string expected)
    {
        var t = GoTemplate.Parse("test", template);
        Assert.Equal(expected, t.Execute(Data));
    }

    public static TheoryData<string, string> ParseErrors => new()
    {
        { "{{ .Foo }", "template: p:1: unexpected \"}\" in operand" },
        { "{{ .Foo", "template: p:1: unclosed action" },
        { "{{ if .X }}", "template: p:1: unexpected EOF" },
        { "{{ end }}", "template: p:1: unexpected {{end}}" },
        { "a\n\n  {{- /* multi\nline */ -}}\n{{ end }}", "template: p:5: unexpected {{end}}" },
        { "{{ if\n.X }}\n{{ else }}{{ nosuch }}{{ end }}", "template: p:3: function \"nosuch\" not defined" },
        { "{{ nosuch 1 }}", "template: p:1: function \"nosuch\" not defined" },
        { "{{ $x }}", "template: p:1: undefined variable \"$x\"" },
        { "a\nb\n{{ \"abc }}", "template: p:3: unterminated quoted string" },
        { "{{ break }}", "template: p:1: {{break}} outside {{range}}" },
        { "{{ 3x }}", "template: p:1: bad number syntax: \"3x\"" },
        { "{{ }}", "template: p:1: missing value for command" },
        { "{{ .X | 3 }}", "template: p:1: non executable command in pipeline stage 2" },
        { "{{/* unclosed }}", "template: p:1: unclosed comment" },
        { "{{ (1 }}", "template: p:1: unclosed left paren" },
        { "{{ 1) }}", "template: p:1: unexpected right paren" },
        { "{{ define \"a\" }}x{{ end }}{{ define \"a\" }}y{{ end }}", "template: p:1: template: multiple definition of template \"a\"" },
        { "{{ if 1 }}{{ else }}{{ else }}{{ end }}", "template: p:1: expected end; found {{else}}" },
    };

    [Theory]
    [MemberData(nameof(ParseErrors))]
    public void Parse_errors_name_template_line_and_cause(string template, string message)
    {
        var e = Assert.Throws<TemplateParseException>(() => GoTemplate.Parse("p", template));
        Assert.Equal(message, e.Message);
    }

    public static TheoryData<string, string> ExecutionErrors => new()
    {
        { "{{ .Obj.Nope }}", "template: x:1:7: executing \"x\" at <.Obj.Nope>: can't evaluate field Nope in type Sample" },
        { "{{ template \"missing\" }}", "template: x:1:3: executing \"x\" at <{{template \"missing\"...>: template \"missing\" not defined" },
        { "{{ lt 1 \"a\" }}", "template: x:1:3: executing \"x\" at <lt 1 \"a\">: error calling lt: incompatible types for comparison" },
        { "{{ eq 1 1.0 }}", "template: x:1:3: executing \"x\" at <eq 1 1.0>: error calling eq: incompatible types for comparison" },
        { "{{ index .List 5 }}", "template: x:1:3: executing \"x\" at <index .List 5>: error calling index: index out of range: 5" },
        { "{{ .Str.Foo }}", "template: x:1:7: executing \"x\" at <.Str.Foo>: can't evaluate field Foo in type string" },
        { "{{ nil }}", "template: x:1:3: executing \"x\" at <nil>: nil is not a command" },
        { "{{ printf 1 }}", "template: x:1:3: executing \"x\" at <printf 1>: wrong type for value; expected string; got int" },
        { "{{ len }}", "template: x:1:3: executing \"x\" at <len>: wrong number of args for len: want 1 got 0" },
        { "line one\n  {{ .Obj.Nope }}", "template: x:2:9: executing \"x\" at <.Obj.Nope>: can't evaluate field Nope in type Sample" },
        { "{{ 3 2 }}", "template: x:1:3: executing \"x\" at <3>: can't give argument to non-function 3" },
        { "{{ (nil).True }}", "template: x:1:4: executing \"x\" at <nil>: nil is not a command" },
        { "{{ len 3 }}", "template: x:1:3: executing \"x\" at <len 3>: error calling len: len of type int" },
        { "{{ true | printf }}", "template: x:1:10: executing \"x\" at <printf>: wrong type for value; expected string; got bool" },
    };

    [Theory]
    [MemberData(nameof(ExecutionErrors))]
    public void Execution_errors_name_position_and_context(string template, string message)
    {
        var t = GoTemplate.Parse("x", template);
        var e = Assert.Throws<TemplateExecutionException>(() => t.Execute(Data));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Missing_key_modes_follow_go_options()
    {
        var labels = new Dictionary<string, string> { ["job"] = "api" };
        Assert.Equal("<no value>", GoTemplate.Parse("t", "{{ .instance }}").Execute(labels));
        Assert.Equal("[]", GoTemplate.Parse("t", "[{{ .instance }}]", missingKey: MissingKeyMode.Zero).Execute(labels));
        var e = Assert.Throws<TemplateExecutionException>(() => GoTemplate.Parse("t", "{{ .instance }}", missingKey: MissingKeyMode.Error).Execute(labels));
        Assert.EndsWith("map has no entry for key \"instance\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_print_like_go_structs_with_nested_references_as_addresses()
    {
        var text = GoTemplate.Parse("t", "{{ .Obj }}").Execute(Data);
        Assert.StartsWith("{Ann 7 0x", text, StringComparison.Ordinal);
        Assert.EndsWith("}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_count_parses_executions_and_failures()
    {
        var stats = TemplateStats.Global;
        var parseFailures = Interlocked.Read(ref stats.ParseFailures);
        var executionFailures = Interlocked.Read(ref stats.ExecutionFailures);
        Assert.Throws<TemplateParseException>(() => GoTemplate.Parse("s", "{{"));
        Assert.Throws<TemplateExecutionException>(() => GoTemplate.Parse("s", "{{ .X.Y }}").Execute(1));
        Assert.True(Interlocked.Read(ref stats.ParseFailures) > parseFailures);
        Assert.True(Interlocked.Read(ref stats.ExecutionFailures) > executionFailures);
        Assert.True(Interlocked.Read(ref stats.Executions) > 0);
    }

    [Fact]
    public void Exceptions_from_data_objects_become_execution_errors()
    {
        var e = Assert.Throws<TemplateExecutionException>(() => GoTemplate.Parse("t", "{{ .Faulty.Broken }}").Execute(Data));
        Assert.Equal("template: t:1:10: executing \"t\" at <.Faulty.Broken>: getter failed", e.Message);
    }

    [Fact]
    public void Nil_data_prints_no_value()
    {
        Assert.Equal("<no value>", GoTemplate.Parse("t", "{{ . }}").Execute(null));
    }

    [Fact]
    public void Named_templates_are_shared_and_later_definitions_replace_earlier_ones()
    {
        var t = GoTemplate.Parse("root", "{{ define \"a\" }}A1{{ end }}{{ template \"a\" }}");
        Assert.Equal("A1", t.Execute(null));
        t.NewAssociated("more").ParseText("{{ define \"a\" }}A2{{ end }}");
        Assert.Equal("A2", t.Execute(null));
        Assert.Equal("A2", t.ExecuteTemplate("a", null));
        Assert.NotNull(t.Lookup("a"));
        Assert.Null(t.Lookup("b"));
        Assert.Contains("a", t.TemplateNames);
        var copy = GoTemplate.New("other").AddParseTree("copied", t.Lookup("a")!.Tree!);
        Assert.Equal("A2", copy.Execute(null));
    }

    [Fact]
    public void Custom_functions_are_called_with_evaluated_arguments_and_errors_are_wrapped()
    {
        var functions = new TemplateFunctions()
            .Add("double", 1, 1, args => Convert.ToInt64(args[0], System.Globalization.CultureInfo.InvariantCulture) * 2)
            .Add("fail", 0, 0, _ => throw new InvalidOperationException("boom"));
        Assert.Equal("84", GoTemplate.Parse("f", "{{ .Int | double }}", functions).Execute(Data));
        var e = Assert.Throws<TemplateExecutionException>(() => GoTemplate.Parse("f", "{{ fail }}", functions).Execute(Data));
        Assert.Equal("template: f:1:3: executing \"f\" at <fail>: error calling fail: boom", e.Message);
    }

    [Fact]
    public void Call_invokes_delegates_from_data()
    {
        var data = new Dictionary<string, object> { ["Add"] = new Func<long, long, long>((a, b) => a + b) };
        Assert.Equal("5", GoTemplate.Parse("c", "{{ call .Add 2 3 }}").Execute(data));
    }

    [Fact]
    public void Recursion_is_bounded()
    {
        var t = GoTemplate.Parse("r", "{{ define \"loop\" }}{{ template \"loop\" . }}{{ end }}{{ template \"loop\" . }}");
        var e = Assert.Throws<TemplateExecutionException>(() => t.Execute(1));
        Assert.Contains("exceeded maximum template depth", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concurrent_executions_do_not_interfere()
    {
        var t = GoTemplate.Parse("c", "{{ range $i, $e := . }}{{ $i }}{{ $e }}{{ end }}");
        Parallel.For(0, 200, i =>
        {
            var list = Enumerable.Range(0, i % 7).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var expected = string.Concat(list.Select((s, n) => n + s));
            Assert.Equal(expected, t.Execute(list));
        });
    }
}
