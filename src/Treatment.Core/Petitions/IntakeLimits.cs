namespace Treatment.Core.Petitions;

/// <summary>Lengths and counts accepted at intake; the database columns are wider, so a limit is never a truncation.</summary>
public static class IntakeLimits
{
    public const int Title = 200;
    public const int Body = 20_000;
    public const int Name = 100;
    public const int Phone = 40;
    public const int Email = 254;
    public const int Address = 500;
    public const int Code = 60;
    public const int Attachments = 20;
    public const int FileName = 255;
    public const int Reason = 4_000;

    /// <summary>A late registration (visit, mail) may date back this far; older paper goes through the back office.</summary>
    public static readonly TimeSpan MaxBackdating = TimeSpan.FromDays(366);
}
