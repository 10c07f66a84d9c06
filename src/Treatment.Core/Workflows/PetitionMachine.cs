using Stateless;
using Stateless.Graph;
using Treatment.Core.Workflows.Guards;

namespace Treatment.Core.Workflows;

/// <summary>Why a trigger was not accepted; the API turns it into a 409 problem.</summary>
public enum WorkflowErrorKind
{
    /// <summary>The trigger does not exist from the petition's current state.</summary>
    IllegalTrigger,
    RoleNotAllowed,
    GuardRefused,
    MissingInput,
}

public sealed record WorkflowDomainError(WorkflowErrorKind Kind, string Trigger, string State, string? Guard, LocalizedText Message);

/// <summary>What the service must carry out after the machine accepted a trigger.</summary>
/// <param name="MilestonesArmed">milestones to (re)compute after this transition (none when the clock stops)</param>
/// <param name="MilestonesDischarged">milestones whose obligation this trigger fulfilled</param>
public sealed record FireResult(
    string FromState,
    string NewState,
    string Trigger,
    ClockEffect Clock,
    IReadOnlyList<string> Notices,
    IReadOnlyList<MilestoneDefinition> MilestonesArmed,
    IReadOnlyList<MilestoneDefinition> MilestonesDischarged,
    bool Terminal,
    TransitionDefinition Transition);

/// <summary>Either the transition's effects or the reason it was refused.</summary>
public sealed record FireOutcome(FireResult? Result, WorkflowDomainError? Error)
{
    public bool Succeeded => Result is not null;
}

/// <summary>A trigger the actor may fire now, with the inputs the UI must ask for.</summary>
public sealed record PermittedAction(string Trigger, LocalizedText Title, IReadOnlyList<string> Inputs);

/// <summary>
/// Runs one petition on its pinned definition. A Stateless machine is built over the externally stored state for each
/// question; guards are evaluated by Stateless, roles and inputs are checked around it, and effects are returned,
/// never executed inside the machine.
/// </summary>
public sealed class PetitionMachine(WorkflowDefinition definition, GuardRegistry? guards = null)
{
    private readonly GuardRegistry _guards = guards ?? GuardRegistry.Default;

    public WorkflowDefinition Definition { get; } = definition;

    /// <summary>The buttons to show: state AND role AND guard (input-dependent guard checks wait for the inputs).</summary>
    public IReadOnlyList<PermittedAction> PermittedTriggers(PetitionFacts facts, IReadOnlyCollection<WorkflowRole> actorRoles)
    {
        CheckPinned(facts);
        var machine = Build(facts, TriggerInputs.Empty, inputsKnown: false, new StateBox(facts.State));
        return Definition.TransitionsFrom(facts.State)
            .Where(t => t.Roles.Any(actorRoles.Contains) && machine.CanFire(t.Trigger))
            .Select(t => new PermittedAction(t.Trigger, t.Title, t.Inputs))
            .ToList();
    }

    public FireOutcome Fire(PetitionFacts facts, string trigger, TriggerInputs inputs, IReadOnlyCollection<WorkflowRole> actorRoles)
    {
        CheckPinned(facts);
        var transition = Definition.TransitionsFrom(facts.State).FirstOrDefault(t => t.Trigger == trigger);
        if (transition is null)
        {
            return Refused(WorkflowErrorKind.IllegalTrigger, trigger, facts.State, null,
                $"'{facts.State}' 상태에서는 '{trigger}'을(를) 할 수 없습니다.", $"'{trigger}' is not possible in state '{facts.State}'.");
        }

        if (!transition.Roles.Any(actorRoles.Contains))
        {
            return Refused(WorkflowErrorKind.RoleNotAllowed, trigger, facts.State, null,
                $"'{trigger}'은(는) {string.Join(", ", transition.Roles)} 역할만 할 수 있습니다.",
                $"Only {string.Join(", ", transition.Roles)} may '{trigger}'.");
        }

        var missing = transition.Inputs.Where(i => !inputs.Has(i)).ToList();
        if (missing.Count > 0)
        {
            return Refused(WorkflowErrorKind.MissingInput, trigger, facts.State, null,
                $"필수 입력이 없습니다: {string.Join(", ", missing)}", $"Missing input: {string.Join(", ", missing)}");
        }

        // The first refusing guard gives the reason; Stateless evaluates the same guards when firing.
        var context = new GuardContext(facts, inputs, true, Definition);
        foreach (var name in transition.Guards)
        {
            var result = _guards.Get(name).Evaluate(context);
            if (!result.Allowed)
            {
                return new FireOutcome(null, new WorkflowDomainError(WorkflowErrorKind.GuardRefused, trigger, facts.State, name, result.Reason!));
            }
        }

        var box = new StateBox(facts.State);
        var machine = Build(facts, inputs, inputsKnown: true, box);
        machine.Fire(trigger);
        return new FireOutcome(Effects(facts.State, box.State, transition), null);
    }

    /// <summary>A Stateless machine at the given state (diagrams, introspection).</summary>
    public StateMachine<string, string> BuildMachine(PetitionFacts facts) =>
        Build(facts, TriggerInputs.Empty, inputsKnown: false, new StateBox(facts.State));

    /// <summary>Mermaid state diagram from Stateless; the current state, when given, is highlighted.</summary>
    public string Diagram(string? currentState = null)
    {
        var box = new StateBox(Definition.InitialState);
        var facts = new PetitionFacts
        {
            WorkflowId = Definition.Id,
            WorkflowVersion = Definition.Version,
            State = Definition.InitialState,
            OriginalPeriod = default,
            Now = DateTimeOffset.UnixEpoch,
        };
        var text = MermaidGraph.Format(Build(facts, TriggerInputs.Empty, false, box).GetInfo()).ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (currentState is null)
        {
            return text;
        }

        if (Definition.FindState(currentState) is null)
        {
            throw new ArgumentException($"unknown state '{currentState}' in {Definition.Id} v{Definition.Version}", nameof(currentState));
        }

        return text.TrimEnd() + "\n\tclassDef current fill:#ffd966,stroke:#b45f06,stroke-width:3px\n\tclass " + MermaidId(text, currentState) + " current\n";
    }

    /// <summary>Stateless sanitizes ids and declares "id : name" for names it changed; otherwise the id is the name.</summary>
    private static string MermaidId(string diagram, string state)
    {
        foreach (var line in diagram.Split('\n'))
        {
            var parts = line.Trim().Split(" : ", 2);
            if (parts.Length == 2 && parts[1] == state && !parts[0].Contains("-->", StringComparison.Ordinal))
            {
                return parts[0];
            }
        }

        return state;
    }

    private FireResult Effects(string from, string to, TransitionDefinition transition)
    {
        var target = Definition.FindState(to)!;
        var stops = transition.Clock.Kind == ClockEffectKind.Stop || target.Terminal;
        var discharged = Definition.Milestones.Where(m => m.Until.Contains(transition.Trigger)).ToList();
        var armed = stops
            ? []
            : Definition.Milestones
                .Where(m => !m.Until.Contains(transition.Trigger))
                .Where(m => m.Anchor is not (MilestoneAnchor.StateEntered or MilestoneAnchor.StateEnds) || m.State == to)
                .ToList();
        return new FireResult(from, to, transition.Trigger, transition.Clock, transition.Notices, armed, discharged, target.Terminal, transition);
    }

    private StateMachine<string, string> Build(PetitionFacts facts, TriggerInputs inputs, bool inputsKnown, StateBox box)
    {
        var machine = new StateMachine<string, string>(() => box.State, s => box.State = s);
        var context = new GuardContext(facts, inputs, inputsKnown, Definition);
        foreach (var state in Definition.States)
        {
            var config = machine.Configure(state.Name);
            foreach (var t in Definition.TransitionsFrom(state.Name))
            {
                var guards = t.Guards
                    .Select(name => _guards.Get(name))
                    .Select(g => new Tuple<Func<bool>, string>(() => g.Evaluate(context).Allowed, g.Description.Ko))
                    .ToArray();
                if (t.Stays)
                {
                    config.PermitReentryIf(t.Trigger, guards);
                }
                else
                {
                    config.PermitIf(t.Trigger, t.To!, guards);
                }
            }
        }

        return machine;
    }

    private void CheckPinned(PetitionFacts facts)
    {
        if (facts.WorkflowId != Definition.Id || facts.WorkflowVersion != Definition.Version)
        {
            throw new ArgumentException(
                $"petition is pinned to {facts.WorkflowId} v{facts.WorkflowVersion}, not {Definition.Id} v{Definition.Version}", nameof(facts));
        }

        if (Definition.FindState(facts.State) is null)
        {
            throw new ArgumentException($"state '{facts.State}' does not exist in {Definition.Id} v{Definition.Version}", nameof(facts));
        }
    }

    private static FireOutcome Refused(WorkflowErrorKind kind, string trigger, string state, string? guard, string ko, string en) =>
        new(null, new WorkflowDomainError(kind, trigger, state, guard, new LocalizedText(ko, en)));

    /// <summary>The persisted State string the machine reads and writes.</summary>
    private sealed class StateBox(string state)
    {
        public string State { get; set; } = state;
    }
}
