namespace Treatment.Core.Agencies;

/// <summary>Roles of back-office users; each user is scoped to an agency and department.</summary>
public static class Roles
{
    public const string Official = "Official";
    public const string Supervisor = "Supervisor";

    /// <summary>민원심사관 (Act §25).</summary>
    public const string Examiner = "Examiner";
    public const string Analyst = "Analyst";
    public const string Admin = "Admin";

    /// <summary>
    /// 기관장: the named head of an agency who receives the agency-head escalation (Decree §22); held beside another
    /// role (it opens no page by itself), policy <c>agency-head-is-a-role</c>.
    /// </summary>
    public const string AgencyHead = "AgencyHead";

    public static readonly IReadOnlyList<string> All = [Official, Supervisor, Examiner, Analyst, Admin, AgencyHead];
}
