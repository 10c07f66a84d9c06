using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Notices;
using Treatment.Core.Workflows;

namespace Treatment.Core.Petitions;

/// <summary>One change in progress: the petition, its definition and the events and notices it appends.</summary>
internal sealed class PetitionWork(Petition petition, WorkflowDefinition definition, Agency? agency, CivilAffair? affair, DateTimeOffset now)
{
    public Petition Petition { get; } = petition;

    public WorkflowDefinition Definition { get; } = definition;

    public Agency? Agency { get; } = agency;

    public CivilAffair? Affair { get; } = affair;

    public DateTimeOffset Now { get; } = now;

    public TriggerInputs? EarlierDecision { get; set; }

    /// <summary>The target agency's name when a transfer names a known agency code (for the notice).</summary>
    public string? TransferTargetName { get; set; }

    /// <summary>The official a notice the system sends names (Decree §31): the assignee, when there is one.</summary>
    public string? OfficialName { get; init; }

    public List<PetitionEvent> Events { get; } = [];

    /// <summary>The automatic assignment by the department's policy, audited apart from the report facts (decision 011).</summary>
    public PetitionEvent? Assignment { get; set; }

    public List<Notice> Notices { get; } = [];

    /// <summary>What issuing the affair's document needs, fetched before the change when the definition may issue one.</summary>
    public Documents.DocumentSlot? DocumentSlot { get; set; }

    public List<Documents.IssuedDocument> Documents { get; } = [];

    /// <summary>A fired transition through the change path, with the notices it declares. Null when done.</summary>
    public PetitionError? Apply(PetitionChange change, NoticeIssuer notices, FireResult result, TriggerInputs inputs, Actor actor, bool atIntake)
    {
        var fired = change.Fire(Petition, Definition, result, inputs, actor, Now, atIntake);
        if (fired.Error is { } error)
        {
            return error;
        }

        Events.Add(fired.Value!);
        if (result.Transition.Has<Workflows.Effects.IssuesDocument>() && DocumentSlot is { } slot && Documents.Count == 0)
        {
            Documents.Add(slot.Issue(Petition, Now));
        }

        if (result.Notices.Count > 0)
        {
            var context = new NoticeContext(Petition, Definition, Agency!, Affair) { EarlierDecision = EarlierDecision, TransferTargetName = TransferTargetName, OfficialName = OfficialName };
            Notices.AddRange(notices.Issue(context, result, inputs, actor, Now));
        }

        return null;
    }
}
