using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Treatment.Core.Clock;

/// <summary>A skipped date as it appears in JSON.</summary>
public sealed record SkippedDateDocument(string Date, SkipReason Reason, string Name, string NameEn);

/// <summary>One counting step as it appears in JSON.</summary>
public sealed record ClockStepDocument(
    int Number,
    string Period,
    CountingBasis Basis,
    UnitReason UnitReason,
    DateTimeOffset CountFrom,
    DateTimeOffset? NormalizedStart,
    StartReason? StartReason,
    double? WorkingHours,
    string? FirstCountedDay,
    string? CalendarEnd,
    string DueDate,
    DateTimeOffset Due,
    bool PetitionerConsent,
    IReadOnlyList<SkippedDateDocument> Skipped);

/// <summary>An excluded span as it appears in JSON.</summary>
public sealed record ExcludedSpanDocument(ExclusionType Type, string From, string To);

/// <summary>
/// The JSON shape of a computed due shared by `treatment deadline --json` and POST /api/v1/deadlines/preview:
/// the due as the CLI prints it, the instant, how it was counted, the steps and the text in Korean and English.
/// </summary>
public sealed record DeadlineDocument(
    string Due,
    DateTimeOffset DueInstant,
    CountingBasis CountedIn,
    DateTimeOffset Received,
    string Period,
    CountingMode Counting,
    string Policy,
    IReadOnlyList<ExcludedSpanDocument> Exclusions,
    IReadOnlyList<ClockStepDocument> Steps,
    IReadOnlyDictionary<string, string> Explanation)
{
    /// <summary>camelCase, kebab-case enums, Hangul written as is (not \uXXXX escaped).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static DeadlineDocument From(Deadline deadline)
    {
        var e = deadline.Explanation;
        return new DeadlineDocument(
            deadline.DueText,
            deadline.Due,
            deadline.Basis,
            deadline.Request.Received,
            deadline.Request.Period.ToString(),
            deadline.Request.Counting,
            e.PolicyName,
            e.Exclusions.Select(x => new ExcludedSpanDocument(x.Type, Day(x.From), Day(x.To))).ToList(),
            e.Steps.Select(s => new ClockStepDocument(
                s.Number,
                s.Period.ToString(),
                s.Basis,
                s.UnitReason,
                s.CountFrom,
                s.NormalizedStart,
                s.StartReason,
                s.WorkingTime?.TotalHours,
                s.FirstCountedDay is { } f ? Day(f) : null,
                s.CalendarEnd is { } c ? Day(c) : null,
                Day(s.DueDate),
                s.Due,
                s.PetitionerConsent,
                s.SkippedDates.Select(k => new SkippedDateDocument(Day(k.Date), k.Reason, k.Name, k.NameEn)).ToList())).ToList(),
            new Dictionary<string, string> { ["ko"] = e.ToText("ko"), ["en"] = e.ToText("en") });
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
