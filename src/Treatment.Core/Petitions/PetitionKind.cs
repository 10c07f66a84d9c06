namespace Treatment.Core.Petitions;

/// <summary>Kinds of civil petition (Act §2(1)); each has its own workflow definition under workflows/&lt;kind&gt;/.</summary>
public enum PetitionKind
{
    /// <summary>법정민원.</summary>
    Legal,

    /// <summary>질의민원 (sub-kind statute or procedure, Decree §14).</summary>
    Inquisitive,

    /// <summary>건의민원 (Decree §15).</summary>
    Recommendatory,

    /// <summary>고충민원 (Decree §17).</summary>
    Grievance,

    /// <summary>기타민원 (Decree §16).</summary>
    Other,

    /// <summary>사전심사청구 (Act §30, Decree §§33–34): an informal examination before a legal petition is filed.</summary>
    PriorExamination,
}

/// <summary>How a petition reached the agency.</summary>
public enum Channel
{
    /// <summary>통합전자민원창구 (Gov24 / Minwon24).</summary>
    OnlinePortal,

    /// <summary>The agency's own electronic window.</summary>
    EWindow,
    Visit,
    Mail,
    Fax,
    Phone,
    Kiosk,
}

/// <summary>Whether the statutory clock of a petition counts now.</summary>
public enum ClockState
{
    Running,

    /// <summary>An excluded period (rulebook §3.1) is open.</summary>
    Paused,
    Stopped,
}

/// <summary>How the due was counted: working hours (≤ 5 days), working days (≥ 6 days), or the calendar (weeks, months).</summary>
public enum DueUnit
{
    Hours,
    Days,
    Calendar,
}

/// <summary>Who is acting: a back-office user, a channel system, or the system itself (sweeps, automatic issuance).</summary>
public sealed record Actor(Guid? UserId, string Name, IReadOnlySet<string> Roles, int? AgencyId, int? DepartmentId)
{
    public static Actor System { get; } = new(null, "system", new HashSet<string> { "System" }, null, null);

    public bool IsInRole(string role) => Roles.Contains(role);
}
