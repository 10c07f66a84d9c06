using System.Globalization;
using System.Text.RegularExpressions;

namespace Treatment.Core.Clock;

/// <summary>Parsing of the clock's text inputs shared by the CLI and the HTTP API, so both accept exactly the same notation.</summary>
public static partial class ClockInput
{
    /// <summary>An ISO-8601 instant with an explicit offset (2025-07-07T10:00+09:00, …Z); a bare local time is refused.</summary>
    public static bool TryParseReceived(string? text, out DateTimeOffset received)
    {
        received = default;
        return text is not null
            && IsoWithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out received);
    }

    /// <summary>statutory (also empty) or civil.</summary>
    public static bool TryParseCounting(string? text, out CountingMode counting)
    {
        counting = CountingMode.Statutory;
        switch (text)
        {
            case null or "" or "statutory":
                return true;
            case "civil":
                counting = CountingMode.Civil;
                return true;
            default:
                return false;
        }
    }

    /// <summary>`[type:]YYYY-MM-DD..YYYY-MM-DD`, e.g. supplement:2026-03-11..2026-03-16; without a type it is <see cref="ExclusionType.Unspecified"/>.</summary>
    public static bool TryParseExclusion(string text, out ExcludedSpan span)
    {
        span = default;
        var type = ExclusionType.Unspecified;
        var dates = text;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            if (!ExclusionNames.TryParse(text[..colon], out type))
            {
                return false;
            }

            dates = text[(colon + 1)..];
        }

        var parts = dates.Split("..");
        if (parts.Length == 2 && TryParseDate(parts[0], out var from) && TryParseDate(parts[1], out var to))
        {
            span = new ExcludedSpan(type, from, to);
            return true;
        }

        return false;
    }

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoWithOffset();
}
