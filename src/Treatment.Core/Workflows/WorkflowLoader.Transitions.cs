using System.Collections.Immutable;
using System.Globalization;

namespace Treatment.Core.Workflows;

/// <summary>Transitions, milestones and the state graph of a definition file.</summary>
public sealed partial class WorkflowLoader
{
    private sealed partial class FileParser
    {
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
                case "stateEnds":
                    anchor = MilestoneAnchor.StateEnds;
                    break;
                case null:
                    break;
                default:
                    Error(anchorLine, anchorText, $"unknown milestone anchor '{anchorText}' (period, due, received, stateEntered, stateEnds)");
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

            if (anchor is MilestoneAnchor.StateEntered or MilestoneAnchor.StateEnds)
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

            if ((action == MilestoneActions.EndState) != (anchor == MilestoneAnchor.StateEnds) && action is not null)
            {
                Error(actionLine, action, $"milestone '{name}': action '{MilestoneActions.EndState}' goes with anchor 'stateEnds', and only it");
            }

            // The sweep ends the state by firing an 'until' trigger as the system: one must exist from the state.
            if (action == MilestoneActions.EndState && state is not null
                && !transitions.Any(t => t.From.Contains(state) && t.Roles.Contains(WorkflowRole.System) && until.Any(u => u.Value == t.Trigger)))
            {
                Error(actionLine, action, $"milestone '{name}': no trigger of 'until' that the System may fire from '{state}'");
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
}
