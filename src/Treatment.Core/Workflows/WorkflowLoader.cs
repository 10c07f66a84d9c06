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

    private sealed class FileParser(WorkflowLoader loader, YamlMap doc, string file, string path, List<WorkflowError> errors)
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
                case null:
                    break;
                default:
                    Error(ruleLine, rule, $"unknown period rule '{rule}' (fixed, bySubKind, affairsCatalogue)");
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

        private TransitionDefinition? ParseTransition(YamlMap map)
        {
            var before = errors.Count;
            var (trigger, triggerLine) = map.Scalar("trigger", true);
            var title = map.Titles();
            var from = map.Names("from");
            if (from.Count == 0)
            {
                map.Error(null, "from", $"transition '{trigger}' needs 'from'");
            }

            foreach (var (state, line) in from)
            {
                KnownState(state, line, "from");
            }

            var (to, toLine) = map.Scalar("to", false);
            var stay = map.Bool("stay");
            if (to is not null)
            {
                KnownState(to, toLine, "to");
            }

            if ((to is null) == !stay)
            {
                map.Error(null, trigger ?? "transition", $"transition '{trigger}' needs exactly one of 'to' or 'stay: true'");
            }

            var roles = new List<WorkflowRole>();
            var roleNames = map.Names("roles");
            if (roleNames.Count == 0)
            {
                map.Error(null, "roles", $"transition '{trigger}' needs 'roles'");
            }

            foreach (var (role, line) in roleNames)
            {
                if (Enum.TryParse<WorkflowRole>(role, false, out var r) && Enum.IsDefined(r))
                {
                    roles.Add(r);
                }
                else
                {
                    Error(line, role, $"unknown role '{role}' (one of {string.Join(", ", Enum.GetNames<WorkflowRole>())})");
                }
            }

            var guardNames = map.Names("guards");
            foreach (var (guard, line) in guardNames)
            {
                if (!loader._guards.TryGet(guard, out var g))
                {
                    Error(line, guard, $"unknown guard '{guard}' (one of {string.Join(", ", loader._guards.Names)})");
                    continue;
                }

                foreach (var limit in g.RequiredLimits.Where(l => !_limits.ContainsKey(l)))
                {
                    Error(line, limit, $"guard '{guard}' needs the limit '{limit}' under 'limits'");
                }
            }

            var inputs = map.Names("inputs");
            foreach (var (input, line) in inputs.Where(i => !TriggerInputs.KnownNames.Contains(i.Value)))
            {
                Error(line, input, $"unknown input '{input}' (one of {string.Join(", ", TriggerInputs.KnownNames)})");
            }

            var (clockText, clockLine) = map.Scalar("clock", false);
            if (!ClockEffect.TryParse(clockText, out var clock, out var clockError))
            {
                Error(clockLine, clockText ?? "clock", clockError);
            }
            else if (clock.Kind == ClockEffectKind.Restart && !_limits.ContainsKey(clock.Limit!))
            {
                Error(clockLine, clock.Limit!, $"unknown limit '{clock.Limit}' in clock effect (declare it under 'limits')");
            }
            else if (clock.Kind == ClockEffectKind.Pause && to is not null && _states.TryGetValue(to, out var target)
                     && (target.Clock != ClockBehaviour.Paused || target.Exclusion != clock.Exclusion))
            {
                Error(clockLine, to, $"clock effect '{clock}' leads to state '{to}' that is not paused as {clock.Exclusion}");
            }

            var notices = map.Names("notices");
            foreach (var (notice, line) in notices.Where(n => !loader._knownTemplates.Contains(n.Value)))
            {
                Error(line, notice, $"unknown template '{notice}' (no templates/{notice}.ko.sbn)");
            }

            var basis = map.Text("basis");
            map.RejectUnknownKeys();
            if (trigger is not null && !KebabName().IsMatch(trigger))
            {
                Error(triggerLine, trigger, $"trigger name '{trigger}' must be lower-case words joined by '-'");
            }

            if (errors.Count != before || trigger is null)
            {
                return null;
            }

            return new TransitionDefinition(trigger, [.. from.Select(f => f.Value)], to, title, [.. roles],
                [.. guardNames.Select(g => g.Value)], [.. inputs.Select(i => i.Value)], clock, [.. notices.Select(n => n.Value)],
                basis, new SourceMark(file, triggerLine, 1));
        }

        private MilestoneDefinition? ParseMilestone(YamlMap map, ImmutableArray<TransitionDefinition> transitions)
        {
            var before = errors.Count;
            var (name, nameLine) = map.Scalar("name", true);
            var (anchorText, anchorLine) = map.Scalar("anchor", true);
            var (fractionText, fractionLine) = map.Scalar("fraction", false);
            var offset = PeriodValue(map, "offset", false);
            var repeat = PeriodValue(map, "repeat", false);
            var counting = Counting(map);
            var (state, stateLine) = map.Scalar("state", false);
            var (action, actionLine) = map.Scalar("action", true);
            var until = map.Names("until");
            var basis = map.Text("basis");
            map.RejectUnknownKeys();

            MilestoneAnchor anchor = MilestoneAnchor.Due;
            switch (anchorText)
            {
                case "period":
                    anchor = MilestoneAnchor.Period;
                    break;
                case "due":
                    break;
                case "received":
                    anchor = MilestoneAnchor.Received;
                    break;
                case "stateEntered":
                    anchor = MilestoneAnchor.StateEntered;
                    break;
                case null:
                    break;
                default:
                    Error(anchorLine, anchorText, $"unknown milestone anchor '{anchorText}' (period, due, received, stateEntered)");
                    break;
            }

            decimal? fraction = null;
            if (fractionText is not null)
            {
                if (decimal.TryParse(fractionText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var f) && f > 0 && f < 1)
                {
                    fraction = f;
                }
                else
                {
                    Error(fractionLine, fractionText, $"fraction '{fractionText}' must be between 0 and 1");
                }
            }

            if (anchor == MilestoneAnchor.Period && fractionText is null)
            {
                map.Error(null, name ?? "milestone", $"milestone '{name}' anchored on the period needs a 'fraction'");
            }

            if (anchor != MilestoneAnchor.Period && fractionText is not null)
            {
                Error(fractionLine, name ?? "milestone", $"milestone '{name}': 'fraction' only goes with anchor 'period'");
            }

            if (anchor == MilestoneAnchor.StateEntered)
            {
                if (state is null)
                {
                    map.Error(null, name ?? "milestone", $"milestone '{name}' anchored on a state needs 'state'");
                }
                else
                {
                    KnownState(state, stateLine, "state");
                }
            }

            if (action is not null && !MilestoneActions.All.Contains(action))
            {
                Error(actionLine, action, $"unknown milestone action '{action}' (one of {string.Join(", ", MilestoneActions.All.Order(StringComparer.Ordinal))})");
            }

            foreach (var (trigger, line) in until.Where(u => transitions.All(t => t.Trigger != u.Value)))
            {
                Error(line, trigger, $"unknown trigger '{trigger}' in 'until'");
            }

            if (errors.Count != before || name is null || action is null)
            {
                return null;
            }

            return new MilestoneDefinition(name, anchor, fraction, offset, repeat, counting, state, action,
                [.. until.Select(u => u.Value)], basis, new SourceMark(file, nameLine, 1));
        }

        private void CheckGraph(string initial, ImmutableArray<TransitionDefinition> transitions)
        {
            foreach (var group in transitions.SelectMany(t => t.From.Select(f => (From: f, t.Trigger, t.Source))).GroupBy(x => (x.From, x.Trigger)))
            {
                foreach (var dup in group.Skip(1))
                {
                    Error(dup.Source.Line, dup.Trigger, $"trigger '{dup.Trigger}' is defined twice from state '{dup.From}'");
                }
            }

            var reached = new HashSet<string>(StringComparer.Ordinal) { initial };
            var queue = new Queue<string>([initial]);
            while (queue.TryDequeue(out var s))
            {
                foreach (var t in transitions.Where(t => t.From.Contains(s)))
                {
                    if (reached.Add(t.Target(s)))
                    {
                        queue.Enqueue(t.Target(s));
                    }
                }
            }

            foreach (var state in _states.Values)
            {
                if (!reached.Contains(state.Name))
                {
                    Error(state.Source.Line, state.Name, $"state '{state.Name}' is unreachable from '{initial}'");
                }

                var leaves = transitions.Any(t => t.From.Contains(state.Name) && !t.Stays);
                if (!state.Terminal && !leaves)
                {
                    Error(state.Source.Line, state.Name, $"state '{state.Name}' is a dead end: not terminal and no transition leaves it");
                }

                if (state.Terminal && transitions.Any(t => t.From.Contains(state.Name)))
                {
                    Error(state.Source.Line, state.Name, $"terminal state '{state.Name}' has outgoing transitions");
                }
            }
        }
    }

    private readonly GuardRegistry _guards = guards;
    private readonly EffectRegistry _effects = effects ?? EffectRegistry.Default;
    private readonly IReadOnlySet<string> _knownTemplates = knownTemplates;
}
