using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Packages;

/// <summary>The derived state of a package, from its children alone (policy <c>package-state-derived</c>).</summary>
public static class PackageStates
{
    /// <summary>No child has finished yet.</summary>
    public const string Received = "received";

    /// <summary>Some children finished, some run on.</summary>
    public const string PartlyDecided = "partly-decided";

    /// <summary>Every child finished (decided, or closed without a decision such as a withdrawal).</summary>
    public const string AllDecided = "all-decided";

    public static LocalizedText Title(string state) => state switch
    {
        AllDecided => new("모두 처리 완료", "All decided"),
        PartlyDecided => new("일부 처리 완료", "Partly decided"),
        _ => new("처리 중", "In progress"),
    };

    /// <summary>A child counts as finished once decided or closed.</summary>
    public static bool Finished(Petition child) => child.DecidedAt is not null || !child.IsOpen;

    /// <summary>A child is late when it is open, its clock runs and its due has passed (or the sweep marked it).</summary>
    public static bool Late(Petition child, DateTimeOffset now) =>
        child.IsOpen && child.DecidedAt is null && (child.Overdue || (child.ClockState == ClockState.Running && child.DueAt < now));

    public static (string State, bool AnyOverdue) Derive(IReadOnlyCollection<Petition> children, DateTimeOffset now)
    {
        var finished = children.Count(Finished);
        var state = finished == 0 ? Received : finished == children.Count ? AllDecided : PartlyDecided;
        return (state, children.Any(c => Late(c, now)));
    }
}
