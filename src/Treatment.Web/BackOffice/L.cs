using System.Globalization;
using Treatment.Core.Workflows;

namespace Treatment.Web.BackOffice;

/// <summary>
/// The back office's texts: each written as a Korean/English pair where it is used. Korean unless the user chose
/// English (the culture cookie set by the language switch).
/// </summary>
public static class L
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Lang => English ? "en" : "ko";

    public static string T(string ko, string en) => English ? en : ko;

    public static string T(LocalizedText text) => English ? text.En : text.Ko;

    /// <summary>An instant as KST wall time, e.g. 2025-07-07 10:00.</summary>
    public static string Kst(DateTimeOffset? instant) =>
        instant is { } i ? i.ToOffset(Core.Clock.DeadlineCalculator.KstOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";
}
