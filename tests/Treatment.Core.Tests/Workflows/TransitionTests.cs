using Treatment.Core.Workflows;

namespace Treatment.Core.Tests.Workflows;

/// <summary>Every transition of every definition, from each of its source states: allowed role, refused role, refused guard, missing input.</summary>
public sealed class TransitionTests
{
    public static TheoryData<string, int, string, string> AllTransitions()
    {
        var data = new TheoryData<string, int, string, string>();
        foreach (var d in WorkflowTestData.Catalog.All)
        {
            foreach (var t in d.Transitions)
            {
                foreach (var from in t.From)
                {
                    data.Add(d.Id, d.Version, t.Trigger, from);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, int, string, string, string> AllGuardedTransitions()
    {
        var data = new TheoryData<string, int, string, string, string>();
        foreach (var d in WorkflowTestData.Catalog.All)
        {
            foreach (var t in d.Transitions)
            {
                foreach (var from in t.From)
                {
                    foreach (var guard in t.Guards)
                    {
                        data.Add(d.Id, d.Version, t.Trigger, from, guard);
                    }
                }
            }
        }

        return data;
    }

    private static (WorkflowDefinition Definition, TransitionDefinition Transition, PetitionMachine Machine) Get(string id, int version, string trigger, string from)
    {
        var definition = WorkflowTestData.Catalog.Get(id, version);
        var transition = definition.TransitionsFrom(from).Single(t => t.Trigger == trigger);
        return (definition, transition, new PetitionMachine(definition));
    }

    [Theory]
    [MemberData(nameof(AllTransitions))]
    public void Fire_AllowedRoleAndGuardsPass_MovesToTargetWithDeclaredEffects(string id, int version, string trigger, string from)
    {
        var (definition, transition, machine) = Get(id, version, trigger, from);
        var facts = WorkflowTestData.AllowingFacts(definition, transition, from);

        var outcome = machine.Fire(facts, trigger, WorkflowTestData.AllInputs, [transition.Roles[0]]);

        Assert.True(outcome.Succeeded, outcome.Error?.Message.En);
        Assert.Equal(transition.To ?? from, outcome.Result!.NewState);
        Assert.Equal(transition.Clock, outcome.Result.Clock);
        Assert.Equal(transition.Notices, outcome.Result.Notices);
        Assert.Equal(definition.FindState(outcome.Result.NewState)!.Terminal, outcome.Result.Terminal);
        Assert.Contains(machine.PermittedTriggers(facts, [transition.Roles[0]]), a => a.Trigger == trigger);
    }

    [Theory]
    [MemberData(nameof(AllTransitions))]
    public void Fire_RoleNotListed_RoleNotAllowed(string id, int version, string trigger, string from)
    {
        var (definition, transition, machine) = Get(id, version, trigger, from);
        var facts = WorkflowTestData.AllowingFacts(definition, transition, from);
        var otherRoles = Enum.GetValues<WorkflowRole>().Except(transition.Roles).ToList();
        Assert.NotEmpty(otherRoles);

        var outcome = machine.Fire(facts, trigger, WorkflowTestData.AllInputs, otherRoles);

        Assert.Equal(WorkflowErrorKind.RoleNotAllowed, outcome.Error?.Kind);
        Assert.DoesNotContain(machine.PermittedTriggers(facts, otherRoles), a => a.Trigger == trigger);
    }

    [Theory]
    [MemberData(nameof(AllGuardedTransitions))]
    public void Fire_GuardRefuses_GuardRefusedWithReason(string id, int version, string trigger, string from, string guard)
    {
        var (definition, transition, machine) = Get(id, version, trigger, from);
        var scenario = WorkflowTestData.Guards[guard];
        var facts = scenario.RefuseFacts(WorkflowTestData.AllowingFacts(definition, transition, from));
        var inputs = scenario.RefuseInputs(WorkflowTestData.AllInputs);

        var outcome = machine.Fire(facts, trigger, inputs, [transition.Roles[0]]);

        Assert.Equal(WorkflowErrorKind.GuardRefused, outcome.Error?.Kind);
        Assert.Equal(guard, outcome.Error!.Guard);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Error.Message.Ko));
        Assert.False(string.IsNullOrWhiteSpace(outcome.Error.Message.En));
        if (inputs == WorkflowTestData.AllInputs)
        {
            // A refusal that depends on facts alone also hides the button.
            Assert.DoesNotContain(machine.PermittedTriggers(facts, [transition.Roles[0]]), a => a.Trigger == trigger);
        }
    }

    [Theory]
    [MemberData(nameof(AllTransitions))]
    public void Fire_EachRequiredInputMissing_MissingInput(string id, int version, string trigger, string from)
    {
        var (definition, transition, machine) = Get(id, version, trigger, from);
        var facts = WorkflowTestData.AllowingFacts(definition, transition, from);

        foreach (var input in transition.Inputs)
        {
            var outcome = machine.Fire(facts, trigger, WorkflowTestData.Without(WorkflowTestData.AllInputs, input), [transition.Roles[0]]);

            Assert.Equal(WorkflowErrorKind.MissingInput, outcome.Error?.Kind);
            Assert.Contains(input, outcome.Error!.Message.En, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(AllTransitions))]
    public void Fire_FromStateWithoutThisTrigger_IllegalTrigger(string id, int version, string trigger, string from)
    {
        var (definition, transition, machine) = Get(id, version, trigger, from);
        var elsewhere = definition.States.FirstOrDefault(s => definition.TransitionsFrom(s.Name).All(t => t.Trigger != trigger));
        Assert.NotNull(elsewhere);
        var facts = WorkflowTestData.AllowingFacts(definition, transition, from) with { State = elsewhere.Name };

        var outcome = machine.Fire(facts, trigger, WorkflowTestData.AllInputs, Enum.GetValues<WorkflowRole>());

        Assert.Equal(WorkflowErrorKind.IllegalTrigger, outcome.Error?.Kind);
    }

    [Fact]
    public void GuardScenarios_EveryRegisteredGuard_HasATestScenario()
    {
        var registered = Treatment.Core.Workflows.Guards.GuardRegistry.Default.Names.ToList();

        Assert.Equal(registered.Order(), WorkflowTestData.Guards.Keys.Order());
    }
}
