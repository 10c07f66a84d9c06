using System.Globalization;
using Treatment.Core.Petitions;

namespace Treatment.Core.BackOffice;

public enum InboxScope
{
    /// <summary>Open petitions assigned to me.</summary>
    Mine,

    /// <summary>Open petitions I may see (my department, or my agency for supervisors).</summary>
    Visible,

    /// <summary>My department's queue (부서 대기): its open petitions nobody has taken (the agency's, for those without a department).</summary>
    Queue,

    /// <summary>Open petitions I work on (mine and my department's queue; a team lead's department, a supervisor's agency) due by the end of the next working day or overdue.</summary>
    AtRisk,
}

/// <summary>Position after the last row of a page: (due, id); a null due sorts last.</summary>
public sealed record InboxCursor(DateTimeOffset? DueAt, long Id)
{
    public override string ToString() =>
        (DueAt is { } due ? due.UtcTicks.ToString(CultureInfo.InvariantCulture) : "n") + "_" + Id.ToString(CultureInfo.InvariantCulture);

    public static InboxCursor? Parse(string? text)
    {
        var parts = text?.Split('_');
        if (parts is not { Length: 2 } || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        if (parts[0] == "n")
        {
            return new InboxCursor(null, id);
        }

        return long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) && ticks is >= 0 and <= 3_155_378_975_999_999_999
            ? new InboxCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : null;
    }
}

public sealed record InboxQuery
{
    public InboxScope Scope { get; init; } = InboxScope.Mine;

    public PetitionKind? Kind { get; init; }

    public string? State { get; init; }

    public Channel? Channel { get; init; }

    public bool OverdueOnly { get; init; }

    /// <summary>Only petitions due before the end of this day (KST).</summary>
    public DateOnly? DueBefore { get; init; }

    /// <summary>Part of a receipt number, petitioner name or title (Korean partial match through the trigram indexes).</summary>
    public string? Search { get; init; }

    public InboxCursor? After { get; init; }

    public int PageSize { get; init; } = 50;

    /// <summary>True when only assignee, open and the cursor narrow the rows: the hot path with a compiled query.</summary>
    public bool IsPlainMine => Scope == InboxScope.Mine && IsUnfiltered;

    /// <summary>True when only the department, open, unassigned and the cursor narrow the rows: the queue's compiled query.</summary>
    public bool IsPlainQueue => Scope == InboxScope.Queue && IsUnfiltered;

    private bool IsUnfiltered => Kind is null && State is null && Channel is null && !OverdueOnly && DueBefore is null && string.IsNullOrWhiteSpace(Search);
}

/// <summary>One inbox row as read from the database (the petitioner's name is masked before it leaves the service).</summary>
public sealed record InboxRow(
    long Id,
    string ReceiptNumber,
    PetitionKind Kind,
    Channel Channel,
    string Title,
    string PetitionerName,
    string WorkflowId,
    int WorkflowVersion,
    string State,
    ClockState ClockState,
    DateTimeOffset? DueAt,
    DueUnit? DueUnit);

/// <summary>A row as the inbox shows it.</summary>
public sealed record InboxItem(InboxRow Row, string PetitionerMasked, string StateKo, string StateEn, DueBadge Badge);

public sealed record InboxPage(IReadOnlyList<InboxItem> Items, InboxCursor? Next, int UnreadNotifications);
