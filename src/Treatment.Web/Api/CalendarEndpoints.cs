using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Treatment.Core.Clock;

namespace Treatment.Web.Api;

/// <summary>A holiday as returned by GET /calendar/holidays.</summary>
public sealed record HolidayResponse(string Date, string Name, string NameEn, string Kind, string Basis);

/// <summary>An excluded span in a preview request: type (optional, e.g. supplement), from and to (YYYY-MM-DD, both included).</summary>
public sealed record ExclusionInput(string? Type, string? From, string? To);

/// <summary>An extension in a preview request: its period notation and whether the petitioner consented (needed for the second).</summary>
public sealed record ExtensionInput(string? Period, bool Consent);

/// <summary>Body of POST /deadlines/preview: the same notation as `treatment deadline`.</summary>
public sealed record DeadlinePreviewRequest(
    string? Received,
    string? Period,
    IReadOnlyList<ExclusionInput>? Exclusions,
    string? Counting,
    IReadOnlyList<ExtensionInput>? Extensions);

/// <summary>The calendar and deadline-preview endpoints; thin handlers over <see cref="IHolidayCalendar"/> and <see cref="IDeadlineCalculator"/>.</summary>
public static class CalendarEndpoints
{
    /// <summary>Maps GET /calendar/holidays?year= and POST /deadlines/preview on the given group (e.g. /api/v1).</summary>
    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/calendar/holidays", GetHolidays).WithName("GetHolidays").WithTags("Statutory clock")
            .WithSummary("Government-office holidays of a year (public holidays, substitutes, temporary holidays)");
        api.MapPost("/deadlines/preview", PreviewDeadline).WithName("PreviewDeadline").WithTags("Statutory clock")
            .WithSummary("Count a treatment period from a receipt instant, with exclusions, and explain the due");
        return api;
    }

    internal static Results<Ok<IReadOnlyList<HolidayResponse>>, ValidationProblem> GetHolidays(string? year, IHolidayCalendar calendar)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < calendar.FirstDate.Year || y > calendar.LastDate.Year)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["year"] = [$"연도는 {calendar.FirstDate.Year}–{calendar.LastDate.Year} 사이여야 합니다. (year must be between {calendar.FirstDate.Year} and {calendar.LastDate.Year})"] },
                title: "잘못된 연도 (invalid year)",
                type: "https://treatment.example/problems/invalid-year");
        }

        IReadOnlyList<HolidayResponse> holidays = calendar.Holidays(y)
            .Select(h => new HolidayResponse(h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), h.Name, h.NameEn, h.Kind.ToString().ToLowerInvariant(), h.Basis))
            .ToList();
        return TypedResults.Ok(holidays);
    }

    internal static Results<Ok<DeadlineDocument>, ValidationProblem> PreviewDeadline(DeadlinePreviewRequest request, IDeadlineCalculator calculator)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ClockInput.TryParseReceived(request.Received, out var received))
        {
            errors["received"] = ["ISO-8601 시각과 오프셋이 필요합니다. (an ISO-8601 instant with an offset, e.g. 2025-07-07T10:00+09:00)"];
        }

        if (!TreatmentPeriod.TryParse(request.Period, out var period))
        {
            errors["period"] = ["immediate, Nh, Nd, Nw, Nmo, Ny 중 하나여야 합니다. (one of immediate, Nh, Nd, Nw, Nmo, Ny)"];
        }

        if (!ClockInput.TryParseCounting(request.Counting, out var counting))
        {
            errors["counting"] = ["statutory 또는 civil이어야 합니다. (statutory or civil)"];
        }

        var exclusions = new List<ExcludedSpan>();
        foreach (var (input, index) in (request.Exclusions ?? []).Select((e, i) => (e, i)))
        {
            var type = ExclusionType.Unspecified;
            if ((input.Type is { Length: > 0 } t && !ExclusionNames.TryParse(t, out type))
                | !ClockInput.TryParseDate(input.From, out var from)
                | !ClockInput.TryParseDate(input.To, out var to))
            {
                errors[$"exclusions[{index}]"] = ["유형과 YYYY-MM-DD 형식의 시작일·종료일이 필요합니다. (a known type and from/to dates as YYYY-MM-DD)"];
                continue;
            }

            exclusions.Add(new ExcludedSpan(type, from, to));
        }

        var extensions = new List<ClockExtension>();
        foreach (var (input, index) in (request.Extensions ?? []).Select((e, i) => (e, i)))
        {
            if (!TreatmentPeriod.TryParse(input.Period, out var length))
            {
                errors[$"extensions[{index}]"] = ["연장 기간 표기가 잘못되었습니다. (extension period must be immediate, Nh, Nd, Nw, Nmo or Ny)"];
                continue;
            }

            extensions.Add(new ClockExtension(length, input.Consent));
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "기한을 계산할 수 없는 입력 (invalid deadline input)", type: "https://treatment.example/problems/invalid-deadline-input");
        }

        var result = calculator.Compute(new DeadlineRequest(received, period, exclusions, counting, extensions));
        if (!result.IsSuccess)
        {
            var error = result.Error!;
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [FieldOf(error.Code)] = [$"{error.MessageKo} ({error.MessageEn})"] },
                title: "기한을 계산할 수 없습니다 (the due cannot be computed)",
                type: $"https://treatment.example/problems/clock/{error.Slug}");
        }

        return TypedResults.Ok(DeadlineDocument.From(result.Value!));
    }

    private static string FieldOf(ClockErrorCode code) => code switch
    {
        ClockErrorCode.InvalidPeriod => "period",
        ClockErrorCode.ImmediateNotCivil => "counting",
        ClockErrorCode.ExclusionReversed => "exclusions",
        ClockErrorCode.OutsideCalendar => "received",
        _ => "extensions",
    };
}
