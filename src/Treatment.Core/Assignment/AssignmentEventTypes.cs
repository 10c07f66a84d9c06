namespace Treatment.Core.Assignment;

/// <summary>Audit event types of assignee and department changes (each event's data holds from and to).</summary>
public static class AssignmentEventTypes
{
    /// <summary>Distribution gave a routed petition to an official automatically (round-robin, least-open-work).</summary>
    public const string Assigned = "assigned";

    /// <summary>An official took a queued petition ("내가 처리").</summary>
    public const string Claimed = "claimed";

    /// <summary>The assignee handed the petition back to the department's queue, with a reason.</summary>
    public const string Released = "released";

    /// <summary>A team lead, supervisor or admin gave the petition to an official of its department.</summary>
    public const string Distributed = "distributed";

    /// <summary>A department that does not handle the petition passed it to the competent one (Decree §13②).</summary>
    public const string HandedOver = "handed-over";

    /// <summary>An absent official's petition went to the substitute named for the absence.</summary>
    public const string Substituted = "substituted";

    /// <summary>An absent or disabled official's petition went back to the department's queue.</summary>
    public const string ReturnedToQueue = "returned-to-queue";

    public static readonly IReadOnlyList<string> All = [Assigned, Claimed, Released, Distributed, HandedOver, Substituted, ReturnedToQueue];
}
