namespace Treatment.Cli;

/// <summary>
/// Minimal GNU-style arguments: positionals, `--name value`, `--name=value`, repeated options and flags.
/// Unknown options are an error so that a typo never silently changes a result.
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Positionals { get; }

    private CliArgs(List<string> positionals) => Positionals = positionals;

    /// <param name="valueOptions">names (without --) that take a value</param>
    /// <param name="flagOptions">names (without --) that take none</param>
    public static CliArgs Parse(IEnumerable<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions)
    {
        var positionals = new List<string>();
        var parsed = new CliArgs(positionals);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var a = e.Current;
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var name = a[2..];
                string? value = null;
                var eq = name.IndexOf('=');
                if (eq >= 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }

                if (flagOptions.Contains(name) && value is null)
                {
                    parsed._flags.Add(name);
                    continue;
                }

                if (!valueOptions.Contains(name))
                {
                    throw new CliUsageException($"unknown option --{name}");
                }

                if (value is null)
                {
                    if (!e.MoveNext())
                    {
                        throw new CliUsageException($"option --{name} needs a value");
                    }

                    value = e.Current;
                }

                if (!parsed._options.TryGetValue(name, out var list))
                {
                    parsed._options[name] = list = [];
                }

                list.Add(value);
            }
            else
            {
                positionals.Add(a);
            }
        }

        return parsed;
    }

    public bool Has(string flag) => _flags.Contains(flag) || _options.ContainsKey(flag);

    public string? Get(string name) => _options.TryGetValue(name, out var v) ? v[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _options.TryGetValue(name, out var v) ? v : [];

    public string Require(string name) => Get(name) ?? throw new CliUsageException($"option --{name} is required");
}
