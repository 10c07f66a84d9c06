using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Treatment.Core.Clock;
using Treatment.Core.Workflows.Effects;
using Treatment.Core.Workflows.Guards;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Treatment.Core.Workflows;

public sealed record WorkflowLoadResult(IReadOnlyList<WorkflowDefinition> Definitions, IReadOnlyList<WorkflowError> Errors, int FileCount)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// Loads workflows/&lt;id&gt;/v&lt;N&gt;.yaml and checks every rule of the format (workflows/README.md); a definition with
/// any error is left out and the error names file, line and the offending name.
/// </summary>
public sealed partial class WorkflowLoader(GuardRegistry guards, IReadOnlySet<string> knownTemplates, EffectRegistry? effects = null)
{
    [GeneratedRegex(@"^v(?<n>[0-9]+)\.yaml$")]
    private static partial Regex VersionFileName();

    [GeneratedRegex(@"^[a-z][a-z0-9-]*$")]
    private static partial Regex KebabName();

    /// <summary>Template names (e.g. notices/receipt) from templates/&lt;name&gt;.ko.sbn files.</summary>
    public static IReadOnlySet<string> TemplateNames(string templatesFolder)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(templatesFolder))
        {
            return names;
        }

        foreach (var file in Directory.EnumerateFiles(templatesFolder, "*.ko.sbn", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(templatesFolder, file).Replace('\\', '/');
            names.Add(relative[..^".ko.sbn".Length]);
        }

        return names;
    }

    /// <summary>Loads with the default guards and the templates of the given folder.</summary>
    public static WorkflowLoadResult LoadFolder(string workflowsFolder, string templatesFolder) =>
        new WorkflowLoader(GuardRegistry.Default, TemplateNames(templatesFolder)).Load(workflowsFolder);

    public WorkflowLoadResult Load(string workflowsFolder)
    {
        var errors = new List<WorkflowError>();
        var definitions = new List<WorkflowDefinition>();
        var root = Path.GetDirectoryName(Path.GetFullPath(workflowsFolder).TrimEnd(Path.DirectorySeparatorChar)) ?? workflowsFolder;
        var files = Directory.Exists(workflowsFolder)
            ? Directory.EnumerateDirectories(workflowsFolder)
                .SelectMany(d => Directory.EnumerateFiles(d, "v*.yaml"))
                .Where(f => !f.EndsWith(WorkflowEffectsFile.Suffix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
        if (!Directory.Exists(workflowsFolder))
        {
            errors.Add(new WorkflowError(workflowsFolder, 0, workflowsFolder, $"folder '{workflowsFolder}' not found"));
        }

        var seen = new Dictionary<(string, int), string>();
        foreach (var file in files)
        {
            var display = Path.GetRelativePath(root, file).Replace('\\', '/');
            var fileErrors = new List<WorkflowError>();
            var (definition, declared) = LoadFile(file, display, fileErrors);
            if (declared is { Id: { } id, Version: { } version })
            {
                if (seen.TryGetValue((id, version), out var other))
                {
                    fileErrors.Add(new WorkflowError(display, declared.Line, $"{id} v{version}",
                        $"duplicate version: '{id} v{version}' is also defined in {other}"));
                }
                else
                {
                    seen[(id, version)] = display;
                }
            }

            errors.AddRange(fileErrors);
            if (definition is not null && fileErrors.Count == 0)
            {
                definitions.Add(definition);
            }
        }

        errors.AddRange(WorkflowEffectsFile.Orphans(workflowsFolder, root));
        return new WorkflowLoadResult(definitions, errors, files.Count);
    }

    private sealed record DeclaredKey(string? Id, int? Version, int Line);

    private (WorkflowDefinition? Definition, DeclaredKey? Declared) LoadFile(string path, string display, List<WorkflowError> errors)
    {
        var bytes = File.ReadAllBytes(path);
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(new UTF8Encoding(false, true).GetString(bytes));
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            errors.Add(new WorkflowError(display, (int)ex.Start.Line, Path.GetFileName(path), $"not valid YAML: {ex.Message}"));
            return (null, null);
        }
        catch (DecoderFallbackException)
        {
            errors.Add(new WorkflowError(display, 1, Path.GetFileName(path), "not UTF-8"));
            return (null, null);
        }

        if (stream.Documents.Count != 1 || YamlMap.From(stream.Documents[0].RootNode, display, errors, "document") is not { } doc)
        {
            errors.Add(new WorkflowError(display, 1, Path.GetFileName(path), "a workflow file holds exactly one mapping"));
            return (null, null);
        }

        var parser = new FileParser(this, doc, display, path, errors);
        var definition = parser.Parse(bytes);
        if (definition is not null)
        {
            definition = WorkflowEffectsFile.Merge(definition, path, display, _effects, errors);
        }

        return (definition, new DeclaredKey(parser.DeclaredId, parser.DeclaredVersion, parser.IdLine));
    }

    private sealed partial class FileParser(WorkflowLoader loader, YamlMap doc, string file, string path, List<WorkflowError> errors)
    {
        private readonly Dictionary<string, StateDefinition> _states = new(StringComparer.Ordinal);
        private readonly Dictionary<string, LimitDefinition> _limits = new(StringComparer.Ordinal);

        public string? DeclaredId { get; private set; }

        public int? DeclaredVersion { get; private set; }

        public int IdLine { get; private set; } = 1;

        private void Error(int line, string name, string message) => errors.Add(new WorkflowError(file, line, name, message));

        public WorkflowDefinition? Parse(byte[] bytes)
        {
            var before = errors.Count;
            var (id, idLine) = doc.Scalar("id", true);
            var version = doc.Int("version", true);
            (DeclaredId, DeclaredVersion, IdLine) = (id, version, idLine);
            var folder = Path.GetFileName(Path.GetDirectoryName(path)) ?? "";
            if (id is not null && id != folder)
            {
                Error(idLine, id, $"id '{id}' does not match its folder '{folder}'");
            }

            var fileMatch = VersionFileName().Match(Path.GetFileName(path));
            if (!fileMatch.Success)
            {
                Error(1, Path.GetFileName(path), $"file name '{Path.GetFileName(path)}' must be v<N>.yaml");
            }
            else if (version is not null && int.Parse(fileMatch.Groups["n"].Value, CultureInfo.InvariantCulture) != version)
            {
                Error(doc.Scalar("version", false).Line, $"v{version}", $"version {version} does not match file name '{Path.GetFileName(path)}'");
            }

            var title = doc.Titles();
            var basis = doc.Text("basis");
            var period = ParsePeriod();
            ParseLimits();
            ParseStates();
            var (initial, initialLine) = doc.Scalar("initial", true);
            if (initial is not null && !_states.ContainsKey(initial))
            {
                Error(initialLine, initial, $"unknown state '{initial}' as initial");
            }

            var transitions = doc.Sequence("transitions", true).Select(ParseTransition).OfType<TransitionDefinition>().ToImmutableArray();
            var milestones = doc.Sequence("milestones", false).Select(m => ParseMilestone(m, transitions)).OfType<MilestoneDefinition>().ToImmutableArray();
            doc.RejectUnknownKeys();

            if (errors.Count == before && initial is not null)
            {
                CheckGraph(initial, transitions);
            }

            if (errors.Count != before || id is null || version is null || period is null || initial is null)
            {
                return null;
            }

            return new WorkflowDefinition
            {
                Id = id,
                Version = version.Value,
                Title = title,
                Basis = basis,
                Period = period,
                InitialState = initial,
                States = [.. _states.Values],
                Transitions = transitions,
                Milestones = milestones,
                Limits = _limits.ToImmutableDictionary(StringComparer.Ordinal),
                ContentHash = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                Source = new SourceMark(file, idLine, 1),
            };
        }

        private TreatmentPeriod? PeriodValue(YamlMap map, string key, bool required)
        {
            var (text, line) = map.Scalar(key, required);
            if (text is null)
            {
                return null;
            }

            if (TreatmentPeriod.TryParse(text, out var p))
            {
                return p;
            }

            Error(line, text, $"'{text}' is not a period (immediate, Nh, Nd, Nw, Nmo, Ny)");
            return null;
        }

        private PeriodRule? ParsePeriod()
        {
            var map = YamlMap.From(doc.Node("period"), file, errors, "period");
            if (map is null)
            {
                Error(doc.Line(), "period", "missing 'period'");
                return null;
            }

            var (rule, ruleLine) = map.Scalar("rule", true);
            var basis = map.Text("basis");
            PeriodRule? result = null;
            switch (rule)
            {
                case "fixed":
                    if (PeriodValue(map, "value", true) is { } value)
                    {
                        result = new PeriodRule(PeriodRuleKind.Fixed, value, [], basis);
                    }

                    break;
                case "bySubKind":
                    var subKinds = new List<SubKindPeriod>();
                    foreach (var s in map.Sequence("subKinds", true))
                    {
                        var name = s.Text("name");
                        var sTitle = s.Titles();
                        var sPeriod = PeriodValue(s, "period", true);
                        var sBasis = s.Text("basis");
                        s.RejectUnknownKeys();
                        if (subKinds.Any(k => k.Name == name))
                        {
                            Error(s.Line(), name, $"duplicate sub-kind '{name}'");
                        }
                        else if (sPeriod is { } sp)
                        {
                            subKinds.Add(new SubKindPeriod(name, sTitle, sp, sBasis));
                        }
                    }

                    result = new PeriodRule(PeriodRuleKind.BySubKind, null, [.. subKinds], basis);
                    break;
                case "affairsCatalogue":
                    result = new PeriodRule(PeriodRuleKind.AffairsCatalogue, null, [], basis);
                    break;
                case "priorExamination":
                    result = new PeriodRule(PeriodRuleKind.PriorExamination, null, [], basis);
                    break;
                case null:
                    break;
                default:
                    Error(ruleLine, rule, $"unknown period rule '{rule}' (fixed, bySubKind, affairsCatalogue, priorExamination)");
                    break;
            }

            map.RejectUnknownKeys();
            return result;
        }

        private void ParseLimits()
        {
            foreach (var (name, line, map) in doc.Entries("limits"))
            {
                var period = PeriodValue(map, "period", true);
                var counting = Counting(map);
                var basis = map.Text("basis");
                map.RejectUnknownKeys();
                if (period is { } p)
                {
                    _limits[name] = new LimitDefinition(name, p, counting, basis, new SourceMark(file, line, 1));
                }
            }
        }

        private MilestoneCounting Counting(YamlMap map)
        {
            var (text, line) = map.Scalar("counting", false);
            switch (text)
            {
                case null or "working":
                    return MilestoneCounting.Working;
                case "calendar":
                    return MilestoneCounting.Calendar;
                default:
                    Error(line, text, $"unknown counting '{text}' (working, calendar)");
                    return MilestoneCounting.Working;
            }
        }

        private void ParseStates()
        {
            foreach (var map in doc.Sequence("states", true))
            {
                var (name, nameLine) = map.Scalar("name", true);
                var title = map.Titles();
                var (clockText, clockLine) = map.Scalar("clock", true);
                var (exclusionText, exclusionLine) = map.Scalar("exclusion", false);
                var terminal = map.Bool("terminal");
                map.RejectUnknownKeys();
                if (name is null)
                {
                    continue;
                }

                if (!KebabName().IsMatch(name))
                {
                    Error(nameLine, name, $"state name '{name}' must be lower-case words joined by '-'");
                }

                ClockBehaviour clock = ClockBehaviour.Running;
                switch (clockText)
                {
                    case "running":
                        break;
                    case "paused":
                        clock = ClockBehaviour.Paused;
                        break;
                    case "stopped":
                        clock = ClockBehaviour.Stopped;
                        break;
                    case null:
                        break;
                    default:
                        Error(clockLine, clockText, $"unknown clock behaviour '{clockText}' (running, paused, stopped)");
                        break;
                }

                ExclusionType? exclusion = null;
                if (exclusionText is not null)
                {
                    if (Enum.TryParse<ExclusionType>(exclusionText, false, out var e) && Enum.IsDefined(e))
                    {
                        exclusion = e;
                    }
                    else
                    {
                        Error(exclusionLine, exclusionText, $"unknown exclusion type '{exclusionText}' (one of {string.Join(", ", Enum.GetNames<ExclusionType>())})");
                    }
                }

                if (clock == ClockBehaviour.Paused && exclusionText is null)
                {
                    Error(clockLine, name, $"paused state '{name}' needs an 'exclusion' type (rulebook §3.1)");
                }
                else if (clock != ClockBehaviour.Paused && exclusionText is not null)
                {
                    Error(exclusionLine, name, $"state '{name}' has an exclusion but its clock is not paused");
                }

                if (_states.ContainsKey(name))
                {
                    Error(nameLine, name, $"duplicate state '{name}'");
                    continue;
                }

                _states[name] = new StateDefinition(name, title, clock, exclusion, terminal, new SourceMark(file, map.Line(), 1));
            }
        }

        private bool KnownState(string name, int line, string role)
        {
            if (_states.ContainsKey(name))
            {
                return true;
            }

            Error(line, name, $"unknown state '{name}' in '{role}'");
            return false;
        }
    }

    private readonly GuardRegistry _guards = guards;
    private readonly EffectRegistry _effects = effects ?? EffectRegistry.Default;
    private readonly IReadOnlySet<string> _knownTemplates = knownTemplates;
}
