namespace Treatment.Core.Petitions;

/// <summary>
/// The one set of lengths and counts accepted at intake and with trigger inputs, used by the API, the register page
/// and the column widths. The columns are wider than the limits (<see cref="Columns"/>), so a limit is never a truncation.
/// </summary>
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

    /// <summary>A resident registration number as typed (13 digits, a hyphen, spaces).</summary>
    public const int ResidentNumber = 20;

    /// <summary>Days of an extension, a supplementation re-request or a field investigation: 1 to this.</summary>
    public const int MaxDays = 366;

    /// <summary>Widths of the petition columns: wider than the limits above, so that stored data always fits.</summary>
    public static class Columns
    {
        public const int Title = 500;
        public const int Body = 100_000;
        public const int Name = IntakeLimits.Name;
        public const int Phone = IntakeLimits.Phone;
        public const int Email = IntakeLimits.Email;
        public const int Address = IntakeLimits.Address;
        public const int ResidentNumberMasked = IntakeLimits.ResidentNumber;
    }

    /// <summary>A late registration (visit, mail) may date back this far; older paper goes through the back office.</summary>
    public static readonly TimeSpan MaxBackdating = TimeSpan.FromDays(366);
}
