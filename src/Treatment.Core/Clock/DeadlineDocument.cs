using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Treatment.Core.Clock;

/// <summary>A skipped date as it appears in JSON.</summary>
public sealed record SkippedDateDocument(string Date, string Reason, string Name, string NameEn);

/// <summary>One counting step as it appears in JSON.</summary>
public sealed record ClockStepDocument(
    int Number,
    string Period,
    string Basis,
    string UnitReason,
    DateTimeOffset CountFrom,
    DateTimeOffset? NormalizedStart,
    string? StartReason,
    double? WorkingHours,
    string? FirstCountedDay,
    string? CalendarEnd,
    string DueDate,
    DateTimeOffset Due,
    bool PetitionerConsent,
    IReadOnlyList<SkippedDateDocument> Skipped);

/// <summary>An excluded span as it appears in JSON.</summary>
public sealed record ExcludedSpanDocument(string Type, string From, string To);

/// <summary>
/// The JSON shape of a computed due shared by `treatment deadline --json` and POST /api/v1/deadlines/preview:
/// the due as the CLI prints it, the instant, how it was counted, the steps and the text in Korean and English.
/// </summary>
public sealed record DeadlineDocument(
    string Due,
    DateTimeOffset DueInstant,
    string CountedIn,
    DateTimeOffset Received,
    string Period,
    string Counting,
    string Policy,
    IReadOnlyList<ExcludedSpanDocument> Exclusions,
    IReadOnlyList<ClockStepDocument> Steps,
    IReadOnlyDictionary<string, string> Explanation)
{
    /// <summary>camelCase, Hangul written as is (not \uXXXX escaped); enum values are already kebab-case strings.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static DeadlineDocument From(Deadline deadline)
    {
        var e = deadline.Explanation;
        return new DeadlineDocument(
            deadline.DueText,
            deadline.Due,
            Kebab(deadline.Basis),
            deadline.Request.Received,
            deadline.Request.Period.ToString(),
            Kebab(deadline.Request.Counting),
            e.PolicyName,
            e.Exclusions.Select(x => new ExcludedSpanDocument(Kebab(x.Type), Day(x.From), Day(x.To))).ToList(),
            e.Steps.Select(s => new ClockStepDocument(
                s.Number,
                s.Period.ToString(),
                Kebab(s.Basis),
                Kebab(s.UnitReason),
                s.CountFrom,
                s.NormalizedStart,
                s.StartReason is { } r ? Kebab(r) : null,
                s.WorkingTime?.TotalHours,
                s.FirstCountedDay is { } f ? Day(f) : null,
                s.CalendarEnd is { } c ? Day(c) : null,
                Day(s.DueDate),
                s.Due,
                s.PetitionerConsent,
                s.SkippedDates.Select(k => new SkippedDateDocument(Day(k.Date), Kebab(k.Reason), k.Name, k.NameEn)).ToList())).ToList(),
            new Dictionary<string, string> { ["ko"] = e.ToText("ko"), ["en"] = e.ToText("en") });
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    private static string Kebab<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
