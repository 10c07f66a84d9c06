using Treatment.Core.Petitions;
using Treatment.Core.Workflows;
using M = Treatment.Core.Reports.RollupMeasures;

namespace Treatment.Core.Reports;

/// <summary>Composes the report tables from the loaded rollup cells; every figure is defined in <see cref="ReportAppendix"/>.</summary>
internal sealed class ReportData(
    int year,
    List<RollupCell> cells,
    Dictionary<int, List<OpenOverdue>> openOverdue,
    Dictionary<int, (string Code, string Name)> agencies,
    Dictionary<int, (string Code, string Name)> affairs,
    OperationsData operations)
{
    private static readonly string[] Kinds = Enum.GetNames<PetitionKind>();

    private readonly ReportSums _sums = new(cells, openOverdue);

    public IReadOnlyList<ReportSection> Sections() =>
    [
        new("volume", "민원 접수 규모", "Volume", [VolumeByKind(), VolumeByAffair(), VolumeByChannel(), Transfers()]),
        new("timeliness", "처리기간 준수", "Timeliness", [TimelinessSummary(), TimelinessByKind(), TimelinessByAgency()]),
        new("clock", "처리기간 관련 사건", "Clock events", [Extensions(), ExtensionReasons(), Supplementation(), Exclusions()]),
        new("outcomes", "처리 결과", "Outcomes", [Decisions(), Objections(), Closures()]),
        new("operations", "운영 점검", "Operations", [Operations(), Breaches(), PetitionerSide()]),
        new("simplification", "간소화 검토 대상", "Simplification candidates", [Simplification()]),
    ];

    private long Count(int y, string measure) => _sums.All(y, measure).Count;

    private long Total(int y, string measure) => _sums.All(y, measure).Total;

    private ReportRow Row(string[] keys, Func<int, decimal?> figure) => new(keys, figure(year), figure(year - 1));

    private static decimal? Ratio(long part, long whole, int decimals = 1, decimal scale = 100m) =>
        whole == 0 ? null : Math.Round(scale * part / whole, decimals, MidpointRounding.AwayFromZero);

    private ReportTable VolumeByKind() => new("volume.by-kind", "종류별 접수", "Received by kind", ["kind"],
        [.. Kinds.Select(k => Row([k], y => _sums.ForKind(y, M.Received, k).Count)), Row(["total"], y => Count(y, M.Received))]);

    private ReportTable VolumeByAffair()
    {
        var rows = _sums.Affairs(M.Received)
            .Select(id => Row([AffairCode(id), AffairName(id)], y => _sums.ForAffair(y, M.Received, id).Count))
            .OrderByDescending(r => r.Current).ThenBy(r => r.Keys[0], StringComparer.Ordinal).ToList();
        return new("volume.by-affair", "법정민원 사무별 접수", "Legal petitions received by affair", ["affair", "name"], rows);
    }

    private ReportTable VolumeByChannel() => new("volume.by-channel", "접수 경로별", "Received by channel", ["channel"],
        Enum.GetNames<Channel>().Select(ch => Row([ch], y => _sums.ForChannel(y, M.ReceivedByChannel, ch).Count)).ToList());

    private ReportTable Transfers() => new("volume.transfers", "이송 및 다수인관련민원", "Transfers and many-person petitions", ["figure"],
    [
        Row([M.TransferredIn], y => Count(y, M.TransferredIn)),
        Row([M.TransferredOut], y => Count(y, M.TransferredOut)),
        Row([M.ManyPerson], y => Count(y, M.ManyPerson)),
    ]);

    /// <summary>The timeliness figures of one kind, or of all kinds when <paramref name="kind"/> is null.</summary>
    private IEnumerable<ReportRow> TimelinessFigures(string[] prefix, string? kind)
    {
        long Decided(int y) => _sums.ForKind(y, M.Decided, kind).Count;
        long OnTime(int y) => _sums.ForKind(y, M.DecidedOnTime, kind).Count;
        long Late(int y) => _sums.ForKind(y, M.DecidedLate, kind).Count;
        long Open(int y) => _sums.OverdueForKind(y, kind);
        Sum Days(int y) => _sums.ForKind(y, M.TreatmentDays, kind);
        yield return Row([.. prefix, "decided"], y => Decided(y));
        yield return Row([.. prefix, "on-time"], y => OnTime(y));
        yield return Row([.. prefix, "decided-late"], y => Late(y));
        yield return Row([.. prefix, "open-overdue"], y => Open(y));
        yield return Row([.. prefix, "late"], y => Late(y) + Open(y));
        yield return Row([.. prefix, "on-time-rate"], y => Ratio(OnTime(y), Decided(y) + Open(y)));
        yield return Row([.. prefix, "mean-days"], y => Ratio(Days(y).Total, Days(y).Count, 2, 1m));
        yield return Row([.. prefix, "median-days"], y => Percentile(y, 0.5m, kind));
        yield return Row([.. prefix, "p90-days"], y => Percentile(y, 0.9m, kind));
        yield return Row([.. prefix, "statutory-days"], y => Ratio(_sums.ForKind(y, M.Decided, kind).Total, Decided(y), 2, 1m));
    }

    /// <summary>Nearest rank over the treatment-days histogram: the smallest value with at least p of the decisions at or below it.</summary>
    private decimal? Percentile(int y, decimal p, string? kind)
    {
        var histogram = _sums.Histogram(y, kind);
        var n = histogram.Sum(b => b.Value);
        if (n == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(p * n);
        long seen = 0;
        foreach (var (bucket, count) in histogram)
        {
            seen += count;
            if (seen >= rank)
            {
                return bucket;
            }
        }

        return histogram.Last().Key;
    }

    private ReportTable TimelinessSummary() => new("timeliness.summary", "처리기간 준수 요약", "Timeliness summary", ["figure"],
        TimelinessFigures([], null).ToList());

    private ReportTable TimelinessByKind() => new("timeliness.by-kind", "종류별 처리기간 준수", "Timeliness by kind", ["kind", "figure"],
        Kinds.SelectMany(k => TimelinessFigures([k], k)).ToList());

    private ReportTable TimelinessByAgency()
    {
        var ids = _sums.AgenciesWithPetitions().OrderBy(id => AgencyCode(id), StringComparer.Ordinal);
        var rows = new List<ReportRow>();
        foreach (var id in ids)
        {
            string[] keys = [AgencyCode(id), AgencyName(id)];
            long Decided(int y) => _sums.ForAgency(y, M.Decided, id).Count;
            long OnTime(int y) => _sums.ForAgency(y, M.DecidedOnTime, id).Count;
            long Open(int y) => _sums.OverdueForAgency(y, id);
            rows.Add(Row([.. keys, "decided"], y => Decided(y)));
            rows.Add(Row([.. keys, "on-time"], y => OnTime(y)));
            rows.Add(Row([.. keys, "open-overdue"], y => Open(y)));
            rows.Add(Row([.. keys, "on-time-rate"], y => Ratio(OnTime(y), Decided(y) + Open(y))));
        }

        return new("timeliness.by-agency", "기관별 처리기간 준수", "Timeliness by agency", ["agency", "name", "figure"], rows);
    }

    private ReportTable Extensions() => new("clock.extensions", "처리기간 연장", "Extensions of the treatment period", ["figure"],
    [
        Row([M.Extension1], y => Count(y, M.Extension1)),
        Row([M.Extension2], y => Count(y, M.Extension2)),
        Row(["mean-extension-days"], y => Ratio(Total(y, M.Extension1) + Total(y, M.Extension2), Count(y, M.Extension1) + Count(y, M.Extension2), 2, 1m)),
    ]);

    private ReportTable ExtensionReasons()
    {
        return new("clock.extension-reasons", "연장 사유", "Extension reasons", ["reason"],
            _sums.Labels(M.ExtensionReason).Select(r => Row([r], y => _sums.ForLabel(y, M.ExtensionReason, r).Count)).OrderByDescending(r => r.Current).ThenBy(r => r.Keys[0], StringComparer.Ordinal).ToList());
    }

    private ReportTable Supplementation() => new("clock.supplementation", "보완 요구", "Supplementation", ["figure"],
    [
        Row([M.SupplementRequest], y => Count(y, M.SupplementRequest)),
        Row([M.SupplementReRequest], y => Count(y, M.SupplementReRequest)),
        Row([M.Supplemented], y => Count(y, M.Supplemented)),
        Row(["mean-supplement-days"], y => Ratio(_sums.ForLabel(y, M.Excluded, "Supplement").Total, _sums.ForLabel(y, M.Excluded, "Supplement").Count, 2, 1m)),
        Row([M.Returned], y => Count(y, M.Returned)),
        Row([M.DeemedWithdrawn], y => Count(y, M.DeemedWithdrawn)),
        Row([M.Withdrawn], y => Count(y, M.Withdrawn)),
    ]);

    private ReportTable Exclusions()
    {
        var types = _sums.Labels(M.Excluded).Order(StringComparer.Ordinal);
        return new("clock.exclusions", "처리기간 제외 기간", "Excluded periods by type", ["type", "figure"],
            types.SelectMany(t => new[]
            {
                Row([t, "count"], y => _sums.ForLabel(y, M.Excluded, t).Count),
                Row([t, "days"], y => _sums.ForLabel(y, M.Excluded, t).Total),
            }).ToList());
    }

    private ReportTable Decisions() => new("outcomes.decisions", "처리 결과", "Decisions", ["outcome"],
        Workflows.DecisionOutcomes.All.Select(d => d.Name()).Select(o => Row([o], y => _sums.ForLabel(y, M.Decided, o).Count)).ToList());

    private ReportTable Objections() => new("outcomes.objections", "이의신청", "Objections", ["figure"],
    [
        Row([M.ObjectionFiled], y => Count(y, M.ObjectionFiled)),
        Row([M.ObjectionUpheld], y => Count(y, M.ObjectionUpheld)),
        Row([M.ObjectionDismissed], y => Count(y, M.ObjectionDismissed)),
        Row([M.ObjectionDecidedOnTime], y => Count(y, M.ObjectionDecidedOnTime)),
        Row([M.ObjectionExtended], y => Count(y, M.ObjectionExtended)),
    ]);

    private ReportTable Closures()
    {
        var states = _sums.Labels(M.Closed).Order(StringComparer.Ordinal);
        return new("outcomes.closures", "종결 상태", "Closures by final state", ["figure"],
        [
            .. states.Select(s => Row([$"closed:{s}"], y => _sums.ForLabel(y, M.Closed, s).Count)),
            Row([M.RepeatedClosure], y => Count(y, M.RepeatedClosure)),
            Row([M.DuplicateClosure], y => Count(y, M.DuplicateClosure)),
            Row([M.ManyPerson], y => Count(y, M.ManyPerson)),
            Row([M.Merged], y => Count(y, M.Merged)),
            Row([M.CommitteeReview], y => Count(y, M.CommitteeReview)),
        ]);
    }

    private ReportTable Operations() => new("operations.summary", "운영 점검", "Operations", ["figure"],
    [
        Row(["monthly-checks"], y => operations.MonthlyChecks.GetValueOrDefault(y)),
        Row([M.ExaminerReminder], y => Count(y, M.ExaminerReminder)),
        Row(["obligation-breaches"], y => operations.Breaches.Where(b => b.Year == y).Sum(b => b.Count)),
    ]);

    private ReportTable Breaches() => new("operations.breaches", "의무 기한 위반", "Obligation breaches", ["obligation"],
        operations.Breaches.Select(b => b.Obligation).Distinct().Order(StringComparer.Ordinal)
            .Select(o => Row([o], y => operations.Breaches.Where(b => b.Year == y && b.Obligation == o).Sum(b => b.Count))).ToList());

    private ReportTable PetitionerSide() => new("operations.petitioner-side", "민원인 측 절차", "The petitioner's side", ["figure"],
    [
        Row([M.CorrectionDemand], y => Count(y, M.CorrectionDemand)),
        Row([M.NoticeNamingOfficial], y => Count(y, M.NoticeNamingOfficial)),
        Row([M.NoticeReturned], y => Count(y, M.NoticeReturned)),
        Row([M.DeemedWithdrawn], y => Count(y, M.DeemedWithdrawn)),
        Row([M.UncollectedClosure], y => Count(y, M.UncollectedClosure)),
    ]);

    /// <summary>Legal affairs ranked by supplementation requests + extensions + overdue cases in the report year (Act §41, Decree §48).</summary>
    private ReportTable Simplification()
    {
        long Supplements(int y, int id) => _sums.ForAffair(y, M.SupplementRequest, id).Count;
        long Extended(int y, int id) => _sums.ForAffair(y, M.Extension1, id).Count + _sums.ForAffair(y, M.Extension2, id).Count;
        long Late(int y, int id) => _sums.ForAffair(y, M.DecidedLate, id).Count + _sums.OverdueForAffair(y, id);
        var top = _sums.Affairs()
            .Select(id => (Id: id, Score: Supplements(year, id) + Extended(year, id) + Late(year, id)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).ThenBy(x => AffairCode(x.Id), StringComparer.Ordinal)
            .Take(10);
        var rows = new List<ReportRow>();
        foreach (var (id, _) in top)
        {
            string[] keys = [AffairCode(id), AffairName(id)];
            rows.Add(Row([.. keys, "supplement-requests"], y => Supplements(y, id)));
            rows.Add(Row([.. keys, "extensions"], y => Extended(y, id)));
            rows.Add(Row([.. keys, "overdue"], y => Late(y, id)));
            rows.Add(Row([.. keys, "score"], y => Supplements(y, id) + Extended(y, id) + Late(y, id)));
        }

        return new("simplification.candidates", "간소화 검토 대상 사무 (상위 10)", "Simplification candidates (top 10 legal affairs)", ["affair", "name", "figure"], rows);
    }

    private string AgencyCode(int id) => agencies.TryGetValue(id, out var a) ? a.Code : id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string AgencyName(int id) => agencies.TryGetValue(id, out var a) ? a.Name : "";

    private string AffairCode(int id) => affairs.TryGetValue(id, out var a) ? a.Code : id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string AffairName(int id) => affairs.TryGetValue(id, out var a) ? a.Name : "";
}
