using System.Text.Json;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;
using Treatment.Core.Tests.Clock;
using Treatment.Core.Tests.Workflows;
using Treatment.Core.Workflows;

namespace Treatment.Core.Tests.Petitions;

/// <summary>The one way an assignee or department changes, without a database: the event shape and the new plan.</summary>
public sealed class PetitionReassignTests
{
    private static readonly WorkflowDefinition Legal = WorkflowTestData.Catalog.Get("legal", 1);

    private static readonly Actor Lead = new(Guid.NewGuid(), "이팀장", new HashSet<string> { "Supervisor" }, 1, 1);

    private static Petition Received(DateTimeOffset at, PetitionChange change)
    {
        var petition = new Petition
        {
            ReceiptNumber = "2025-T-000002",
            Kind = PetitionKind.Legal,
            Channel = Channel.Visit,
            Title = "t",
            Body = "b",
            PetitionerName = "홍길동",
            ArrivedAt = at,
            ReceivedAt = at,
            AgencyId = 1,
            DepartmentId = 1,
            WorkflowId = Legal.Id,
            WorkflowVersion = Legal.Version,
            State = Legal.InitialState,
            PeriodUnit = PeriodUnit.Days,
            PeriodValue = 7,
        };
        var trigger = Legal.Pick(petition.State, TransitionPicks.Receipt)!.Trigger;
        var result = new PetitionMachine(Legal).Fire(PetitionClock.Facts(petition, change.Clock, at), trigger, TriggerInputs.Empty, [WorkflowRole.Official]).Result!;
        Assert.Null(change.Fire(petition, Legal, result, TriggerInputs.Empty, Lead, at).Error);
        return petition;
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Reassign_AnyAssignmentType_OneDataShapeFromAndToWhoAndWhy(string type)
    {
        // Arrange
        var change = new PetitionChange(TestCalendar.Calculator, planner: null);
        var at = TestCalendar.Kst(2025, 7, 7, 10);
        var petition = Received(at, change);
        var official = Guid.NewGuid();

        // Act
        var recorded = change.Reassign(petition, Legal, official, 2, "사유", Lead, at.AddHours(1), type);

        // Assert
        Assert.Equal(type, recorded.Type);
        Assert.Equal((Lead.UserId, Lead.Name, "사유"), (recorded.ActorId, recorded.ActorName, recorded.Reason));
        Assert.Equal((petition.State, petition.State), (recorded.FromState, recorded.ToState));
        Assert.Equal(new ReassignedData(null, official, 1, 2), JsonSerializer.Deserialize<ReassignedData>(recorded.Data!, PetitionChange.EventJson));
        Assert.Equal((official, 2, at.AddHours(1)), (petition.AssigneeId!.Value, petition.DepartmentId!.Value, petition.AssignedAt!.Value));
    }

    public static TheoryData<string> Types() => new(PetitionEventTypes.Reassignments);

    [Fact]
    public void Reassign_NotAnAssignmentType_Throws()
    {
        var change = new PetitionChange(TestCalendar.Calculator, planner: null);
        var petition = Received(TestCalendar.Kst(2025, 7, 7, 10), change);

        Assert.Throws<ArgumentOutOfRangeException>(() => change.Reassign(petition, Legal, null, 1, null, Lead, TestCalendar.Kst(2025, 7, 7, 11), PetitionEventTypes.Transition));
    }

    [Fact]
    public void Reassign_BackToTheQueue_ClearsTheAssignmentInstantAndReplans()
    {
        // Arrange
        var planner = new WorkflowMilestonePlanner(TestCalendar.Calculator);
        var change = new PetitionChange(TestCalendar.Calculator, planner);
        var at = TestCalendar.Kst(2025, 7, 7, 10);
        var petition = Received(at, change);
        petition.AssigneeId = Guid.NewGuid();
        petition.AssignedAt = at;
        petition.UpdatedAt = at.AddHours(1); // what the change sets: a state's milestones count from the last change
        var expected = planner.Plan(petition, Legal, at.AddHours(1));

        // Act
        var recorded = change.Reassign(petition, Legal, null, 1, "반납", Lead, at.AddHours(1), PetitionEventTypes.Released);

        // Assert
        Assert.Null(petition.AssigneeId);
        Assert.Null(petition.AssignedAt);
        Assert.NotNull(petition.NextMilestoneAt);
        Assert.Equal((expected.At, expected.Milestone), (petition.NextMilestoneAt, petition.NextMilestone));
        Assert.DoesNotContain("handOver", recorded.Data, StringComparison.Ordinal);
    }
}
