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

    public static readonly IReadOnlyList<string> All = [Official, Supervisor, Examiner, Analyst, Admin];
}
