using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Treatment.Core.Workflows;

/// <summary>Reads one YAML mapping, reporting missing, mistyped and unknown keys with file and line.</summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly string _file;
    private readonly List<WorkflowError> _errors;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMap(YamlMappingNode node, string file, List<WorkflowError> errors)
    {
        _node = node;
        _file = file;
        _errors = errors;
    }

    public static YamlMap? From(YamlNode? node, string file, List<WorkflowError> errors, string what)
    {
        if (node is YamlMappingNode map)
        {
            return new YamlMap(map, file, errors);
        }

        if (node is not null)
        {
            errors.Add(new WorkflowError(file, Line(node), what, $"'{what}' must be a mapping"));
        }

        return null;
    }

    public int Line() => Line(_node);

    public static int Line(YamlNode node) => (int)node.Start.Line;

    public SourceMark Mark() => new(_file, (int)_node.Start.Line, (int)_node.Start.Column);

    public YamlNode? Node(string key)
    {
        _read.Add(key);
        return _node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;
    }

    public void Error(YamlNode? at, string name, string message) =>
        _errors.Add(new WorkflowError(_file, at is null ? Line() : Line(at), name, message));

    public (string? Value, int Line) Scalar(string key, bool required)
    {
        var node = Node(key);
        switch (node)
        {
            case null when required:
                Error(null, key, $"missing '{key}'");
                return (null, Line());
            case null:
                return (null, Line());
            case YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value):
                return (s.Value!.Trim(), Line(s));
            case YamlScalarNode s when required:
                Error(s, key, $"'{key}' is empty");
                return (null, Line(s));
            case YamlScalarNode s:
                return (null, Line(s));
            default:
                Error(node, key, $"'{key}' must be a single value");
                return (null, Line(node));
        }
    }

    public string Text(string key, bool required = true) => Scalar(key, required).Value ?? "";

    public int? Int(string key, bool required)
    {
        var (value, line) = Scalar(key, required);
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        _errors.Add(new WorkflowError(_file, line, value, $"'{key}' must be a whole number, not '{value}'"));
        return null;
    }

    public bool Bool(string key)
    {
        var (value, line) = Scalar(key, false);
        switch (value)
        {
            case null or "false":
                return false;
            case "true":
                return true;
            default:
                _errors.Add(new WorkflowError(_file, line, value, $"'{key}' must be true or false, not '{value}'"));
                return false;
        }
    }

    /// <summary>A list of scalars, also accepting a single scalar; each with its line.</summary>
    public List<(string Value, int Line)> Names(string key)
    {
        var node = Node(key);
        var result = new List<(string, int)>();
        switch (node)
        {
            case null:
                break;
            case YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value):
                result.Add((s.Value!.Trim(), Line(s)));
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    if (item is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v))
                    {
                        result.Add((v.Trim(), Line(item)));
                    }
                    else
                    {
                        Error(item, key, $"'{key}' items must be names");
                    }
                }

                break;
            default:
                Error(node, key, $"'{key}' must be a name or a list of names");
                break;
        }

        return result;
    }

    public IEnumerable<YamlMap> Sequence(string key, bool required)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required)
            {
                Error(null, key, $"missing '{key}'");
            }

            yield break;
        }

        if (node is not YamlSequenceNode seq)
        {
            Error(node, key, $"'{key}' must be a list");
            yield break;
        }

        foreach (var item in seq.Children)
        {
            if (From(item, _file, _errors, key) is { } map)
            {
                yield return map;
            }
        }
    }

    public IEnumerable<(string Key, int Line, YamlMap Map)> Entries(string key)
    {
        if (From(Node(key), _file, _errors, key) is not { } inner)
        {
            yield break;
        }

        foreach (var (k, v) in inner._node.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (From(v, _file, _errors, name) is { } map)
            {
                yield return (name, Line(k), map);
            }
        }
    }

    public LocalizedText Titles(string key = "titles")
    {
        var map = From(Node(key), _file, _errors, key);
        if (map is null)
        {
            Error(null, key, $"missing '{key}' (ko, en)");
            return new LocalizedText("", "");
        }

        var result = new LocalizedText(map.Text("ko"), map.Text("en"));
        map.RejectUnknownKeys();
        return result;
    }

    /// <summary>A typo in a key must not silently drop a rule.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (k, _) in _node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && !_read.Contains(name))
            {
                Error(k, name, $"unknown key '{name}'");
            }
        }
    }
}
