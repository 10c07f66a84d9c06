using System.Globalization;

namespace Treatment.Core.Reports;

/// <summary>
/// One assumption of the benefit estimate: its value (null until an analyst enters one) and where it comes from. An
/// analyst's value without a source is shown as "assumption, no source" (가정, 출처 없음) until a source is given.
/// </summary>
public sealed record BenefitAssumption(string Key, string TitleKo, string TitleEn, string Unit, decimal? Value, string? Source)
{
    public const string NoSource = "가정, 출처 없음 (assumption, no source)";

    public string SourceText => string.IsNullOrWhiteSpace(Source) ? NoSource : Source;
}

/// <summary>The estimate for one year: what each assumption gives when applied to that year's online applications.</summary>
public sealed record BenefitYear(int Year, long Online, long Offline, decimal CitizenHoursSaved, decimal StaffHoursSaved, decimal TransportUsdSaved, decimal? TransportWonSaved, decimal? PaperSheetsSaved, decimal? Co2TonnesAvoided);

/// <summary>The benefit estimate section of a report: the assumptions used (with sources) and one row per year of the channel trend.</summary>
public sealed record BenefitEstimate(IReadOnlyList<BenefitAssumption> Assumptions, IReadOnlyList<BenefitYear> Years)
{
    public const string CitizenMinutesVisit = "citizen-minutes-visit";
    public const string CitizenMinutesOnline = "citizen-minutes-online";
    public const string TransportUsdPerVisit = "transport-usd-per-visit";
    public const string StaffMinutesOffline = "staff-minutes-offline";
    public const string StaffMinutesOnline = "staff-minutes-online";
    public const string WonPerUsd = "won-per-usd";
    public const string PaperSheetsPerApplication = "paper-sheets-per-application";
    public const string Co2KgPerTrip = "co2-kg-per-trip";

    /// <summary>The ministry's published figures (docs/reference/minwon24-benefits.md); the rest wait for an analyst's value.</summary>
    public const string MinistrySource = "행정안전부, 24-Hour E-Services for the Public — Online Civil Services (Minwon24), 2018";

    public static IReadOnlyList<BenefitAssumption> Defaults { get; } =
    [
        new(CitizenMinutesVisit, "방문 1회당 민원인 소요 시간 (이동·대기)", "Citizen's time per visit (travel and waiting)", "분 (min)", 30, MinistrySource),
        new(CitizenMinutesOnline, "온라인 1건당 민원인 소요 시간", "Citizen's time per online application", "분 (min)", 1, MinistrySource),
        new(TransportUsdPerVisit, "방문 1회당 교통비", "Transport cost per visit", "USD", 1.2m, MinistrySource),
        new(StaffMinutesOffline, "방문 1건당 공무원 접수·검토·발급 시간", "Staff time per visit application (receive, review, issue)", "분 (min)", 10, MinistrySource),
        new(StaffMinutesOnline, "온라인·즉시 발급 1건당 공무원 시간", "Staff time per online or immediate issuance", "분 (min)", 0, MinistrySource),
        new(WonPerUsd, "환율 (원/달러)", "Exchange rate (KRW per USD)", "원 (KRW)", null, null),
        new(PaperSheetsPerApplication, "방문 1건당 종이 서류", "Paper per visit application", "매 (sheets)", null, null),
        new(Co2KgPerTrip, "방문 1회당 CO₂ 배출", "CO₂ per trip", "kg", null, null),
    ];

    /// <summary>
    /// Every online application is a visit avoided (the ministry's reading): citizen time saved = online × (visit − online
    /// minutes); staff time saved = online × (offline − online staff minutes); transport, paper and CO₂ = online × the per-visit figure.
    /// </summary>
    public static BenefitEstimate Compute(IReadOnlyList<ChannelTrendPoint> trend, IReadOnlyList<BenefitAssumption> assumptions)
    {
        decimal? Value(string key) => assumptions.FirstOrDefault(a => a.Key == key)?.Value;
        var citizenMinutes = (Value(CitizenMinutesVisit) ?? 0) - (Value(CitizenMinutesOnline) ?? 0);
        var staffMinutes = (Value(StaffMinutesOffline) ?? 0) - (Value(StaffMinutesOnline) ?? 0);
        var transport = Value(TransportUsdPerVisit) ?? 0;
        var years = trend.Select(p => new BenefitYear(
            p.Year,
            p.Online,
            p.Offline,
            Math.Round(p.Online * citizenMinutes / 60, 1),
            Math.Round(p.Online * staffMinutes / 60, 1),
            Math.Round(p.Online * transport, 2),
            Value(WonPerUsd) is { } rate ? Math.Round(p.Online * transport * rate, 0) : null,
            Value(PaperSheetsPerApplication) is { } sheets ? p.Online * sheets : null,
            Value(Co2KgPerTrip) is { } kg ? Math.Round(p.Online * kg / 1000, 3) : null)).ToList();
        return new BenefitEstimate(assumptions, years);
    }

    /// <summary>The defaults with an analyst's values on top: a changed value keeps only a source the analyst gives ("assumption, no source" otherwise).</summary>
    public static IReadOnlyList<BenefitAssumption> WithValues(IReadOnlyDictionary<string, (decimal? Value, string? Source)> given) =>
        Defaults.Select(a =>
        {
            if (!given.TryGetValue(a.Key, out var v))
            {
                return a;
            }

            // The form offers the default's source beside every value: a changed value keeps it only if the analyst says so anew.
            var stated = string.IsNullOrWhiteSpace(v.Source) || (v.Value != a.Value && v.Source.Trim() == a.Source) ? null : v.Source.Trim();
            var source = stated ?? (v.Value == a.Value ? a.Source : null);
            return a with { Value = v.Value, Source = source };
        }).ToList();

    public static string Format(decimal? value) => value is { } v ? v.ToString("#,0.###", CultureInfo.InvariantCulture) : "—";
}
