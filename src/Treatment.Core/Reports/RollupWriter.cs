using Npgsql;
using NpgsqlTypes;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Reports;

/// <summary>
/// Turns one recorded petition change into report facts. The petition service adds them as rollup deltas to the
/// change's own SaveChanges (<see cref="AddDeltas"/>), the milestone sweep to its batch (<see cref="AppendDeltasCommand"/>);
/// the generator calls <see cref="Facts"/> and writes the sums in bulk. See <see cref="ReportFactMap"/> for the mapping.
/// </summary>
public sealed class RollupWriter(IHolidayCalendar calendar, Workflows.WorkflowCatalog catalog)
{
    /// <summary>Treatment times of this many working days or more share the last histogram bucket (the sum stays exact).</summary>
    public const int MaxTreatmentBucket = 250;

    private static readonly TimeSpan Kst = DeadlineCalculator.KstOffset;

    public IHolidayCalendar Calendar { get; } = calendar;

    public Workflows.WorkflowCatalog Catalog { get; } = catalog;

    /// <summary>
    /// Adds the facts of <paramref name="recorded"/> to the context as rollup deltas, to be inserted by the caller's
    /// SaveChanges in the same batch as the change itself (one round trip, one transaction).
    /// </summary>
    public void AddDeltas(TreatmentDbContext db, Petition petition, PetitionEvent recorded, bool closesPetition)
    {
        foreach (var row in Merge(Facts(petition, recorded, closesPetition)))
        {
            db.PetitionRollupDeltas.Add(new PetitionRollupDelta
            {
                AgencyId = row.AgencyId,
                Month = row.Month,
                Kind = row.Kind,
                AffairId = row.AffairId,
                Channel = row.Channel,
                Measure = row.Measure,
                Label = row.Label,
                Bucket = row.Bucket,
                Count = row.Count,
                Total = row.Total,
            });
        }
    }

    /// <summary>The facts one event contributes (before merging); pure, so the generator and the tests share it.</summary>
    public IReadOnlyList<PetitionRollup> Facts(Petition petition, PetitionEvent recorded, bool closesPetition)
    {
        var facts = new List<PetitionRollup>(4);
        var month = MonthOf(recorded.At);
        var kind = petition.Kind.ToString();
        var channel = petition.Channel.ToString();
        var affair = petition.AffairId ?? 0;

        // Each fact is kept per kind plus at most one of affair or channel, so that the table stays small (rows grow
        // with agencies × months, not with petitions).
        void Add(string measure, string label = "", long total = 0, int bucket = 0, RollupDimension by = RollupDimension.Kind) =>
            facts.Add(new PetitionRollup
            {
                AgencyId = petition.AgencyId,
                Month = month,
                Kind = kind,
                AffairId = by == RollupDimension.Affair ? affair : 0,
                Channel = by == RollupDimension.Channel ? channel : "",
                Measure = measure,
                Label = label,
                Bucket = bucket,
                Count = 1,
                Total = total,
            });

        if (ReportFactMap.IsReceipt(recorded.FromState, recorded.ToState))
        {
            Add(RollupMeasures.Received, by: RollupDimension.Affair);
            Add(RollupMeasures.ReceivedByChannel, by: RollupDimension.Channel);
            if (petition.TransferredFromPetitionId is not null)
            {
                Add(RollupMeasures.TransferredIn);
            }

            if (Workflows.ManyPersonPetition.Qualifies(petition.SignerCount, petition.HouseholdCount))
            {
                Add(RollupMeasures.ManyPerson);
            }
        }

        if (recorded.Type == PetitionEventTypes.CorrectionDemanded)
        {
            Add(RollupMeasures.CorrectionDemand);
        }
        else if (recorded.Type == PetitionEventTypes.RosterRecorded && ManyPersonChange(recorded) is { } delta)
        {
            // A roster recorded after receipt counts (or uncounts) the many-person petition in the month it was recorded.
            Add(RollupMeasures.ManyPerson);
            facts[^1].Count = delta;
        }
        else if (recorded.Type == PetitionEventTypes.Merged)
        {
            Add(RollupMeasures.Merged);
        }
        else if (recorded.Type == PetitionEventTypes.CommitteeDecided)
        {
            Add(RollupMeasures.CommitteeReview);
        }
        else if (recorded.Type == PetitionEventTypes.NoticeReturned)
        {
            Add(RollupMeasures.NoticeReturned);
        }

        if (ReportFactMap.IsExaminerReminder(recorded))
        {
            Add(RollupMeasures.ExaminerReminder);
        }
        else if (ReportFactMap.TransitionOf(Catalog, petition, recorded) is { } transition)
        {
            // Decree §31: every notice names the official (the templates' "official" section, checked by the golden tests).
            foreach (var _ in transition.Notices)
            {
                Add(RollupMeasures.NoticeNamingOfficial);
            }

            if (transition.Decision is { } outcome)
            {
                var onTime = petition.DueAt is { } due && recorded.At <= due;
                Add(RollupMeasures.Decided, outcome.Name(), StatutoryWorkingDays(petition.PeriodUnit, petition.PeriodValue));
                if (onTime)
                {
                    Add(RollupMeasures.DecidedOnTime);
                }
                else
                {
                    Add(RollupMeasures.DecidedLate, by: RollupDimension.Affair);
                }

                var days = TreatmentWorkingDays(petition.ReceivedAt, recorded.At);
                Add(RollupMeasures.TreatmentDays, total: days, bucket: Math.Min(days, MaxTreatmentBucket));
            }
            else if (transition.Has<Workflows.Effects.CountsAsExtension>())
            {
                var last = petition.Extensions.Count > 0 ? petition.Extensions[^1] : null;
                Add(petition.ExtensionCount >= 2 ? RollupMeasures.Extension2 : RollupMeasures.Extension1, total: last?.Length.Value ?? 0, by: RollupDimension.Affair);
                Add(RollupMeasures.ExtensionReason, Truncate(recorded.Reason ?? last?.Reason ?? ""));
            }
            else if (transition.Effects.FirstOrDefault(e => e.Measure is not null) is { } effect)
            {
                Add(effect.Measure!, by: effect.MeasureByAffair ? RollupDimension.Affair : RollupDimension.Kind);
                if (effect is Workflows.Effects.CountsAsRepeatedClosure && petition.TransferredFromPetitionId is not null)
                {
                    Add(RollupMeasures.DuplicateClosure);
                }

                if (effect.DecidesObjection && petition.DueAt is { } due && recorded.At <= due)
                {
                    Add(RollupMeasures.ObjectionDecidedOnTime);
                }
            }
        }

        if (closesPetition)
        {
            Add(RollupMeasures.Closed, petition.State);
            var closedOn = DateOf(recorded.At);
            foreach (var span in petition.Exclusions)
            {
                var to = span.To ?? closedOn;
                Add(RollupMeasures.Excluded, span.Type.ToString(), Math.Max(0, to.DayNumber - span.From.DayNumber + 1));
            }
        }

        return facts;
    }

    /// <summary>+1 when a recorded roster made the petition many-person, -1 when it no longer is; null when unchanged.</summary>
    private static int? ManyPersonChange(PetitionEvent recorded)
    {
        var data = recorded.Data is null ? null : System.Text.Json.JsonSerializer.Deserialize<RosterRecordedData>(recorded.Data, PetitionChange.EventJson);
        return data is null || data.WasManyPerson == data.IsManyPerson ? null : data.IsManyPerson ? 1 : -1;
    }

    /// <summary>Working days after the receipt date up to and including the decision date (same day = 0; Act §19: the receipt day is not counted).</summary>
    public int TreatmentWorkingDays(DateTimeOffset received, DateTimeOffset decided)
    {
        var from = DateOf(received).AddDays(1);
        var to = DateOf(decided).AddDays(1);
        return to <= from ? 0 : Calendar.WorkingDaysBefore(to) - Calendar.WorkingDaysBefore(from);
    }

    /// <summary>
    /// The statutory period in nominal working days, to print beside treatment time: hours ÷ 8 (rounded up), days as
    /// stated, a week as 5, a month as 21, a year as 250 (interp.: calendar units have no fixed number of working days).
    /// </summary>
    public static int StatutoryWorkingDays(PeriodUnit unit, int value) => unit switch
    {
        PeriodUnit.Hours => (value + 7) / 8,
        PeriodUnit.Days => value,
        PeriodUnit.Weeks => value * 5,
        PeriodUnit.Months => value * 21,
        PeriodUnit.Years => value * 250,
        _ => 0,
    };

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Kst).DateTime);

    public static DateOnly MonthOf(DateTimeOffset instant)
    {
        var d = DateOf(instant);
        return new DateOnly(d.Year, d.Month, 1);
    }

    /// <summary>Sums facts with the same key, as the table stores them.</summary>
    public static List<PetitionRollup> Merge(IEnumerable<PetitionRollup> facts)
    {
        var sums = new RollupSums();
        sums.Add(facts);
        return sums.Rows.ToList();
    }

    /// <summary>Adds facts to the monthly and the yearly table (insert or increment), in one statement.</summary>
    public static async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<PetitionRollup> facts, CancellationToken ct)
    {
        var rows = Merge(facts);
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            $"""
            with facts as (
                select * from unnest(@agency, @month, @kind, @affair, @channel, @measure, @label, @bucket, @count, @total)
                    as f(agency_id, month, kind, affair_id, channel, measure, label, bucket, count, total)),
            monthly as (
                insert into petition_rollups (agency_id, month, kind, affair_id, channel, measure, label, bucket, count, total)
                select * from facts
                on conflict (agency_id, month, kind, affair_id, channel, measure, label, bucket)
                do update set count = petition_rollups.count + excluded.count, total = petition_rollups.total + excluded.total)
            {AddYearsSql("facts")}
            """, connection, transaction);
        AddColumns(command.Parameters, rows);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The statement that appends facts to petition_rollup_deltas, for a caller writing with raw SQL in its own batch
    /// and transaction (the milestone sweep); null when there is nothing to append.
    /// </summary>
    public static NpgsqlBatchCommand? AppendDeltasCommand(IEnumerable<PetitionRollup> facts)
    {
        var rows = Merge(facts);
        if (rows.Count == 0)
        {
            return null;
        }

        var command = new NpgsqlBatchCommand(
            """
            insert into petition_rollup_deltas (agency_id, month, kind, affair_id, channel, measure, label, bucket, count, total)
            select * from unnest(@agency, @month, @kind, @affair, @channel, @measure, @label, @bucket, @count, @total)
            """);
        AddColumns(command.Parameters, rows);
        return command;
    }

    /// <summary>
    /// The statement that adds the monthly facts of <paramref name="source"/> (a CTE), summed by year, to petition_rollup_years;
    /// every writer of petition_rollups runs it in the same statement, so the yearly sums always equal the monthly rows.
    /// </summary>
    internal static string AddYearsSql(string source) => $"""
        insert into petition_rollup_years (agency_id, year, kind, affair_id, channel, measure, label, bucket, count, total)
        select agency_id, extract(year from month)::int, kind, affair_id, channel, measure, label, bucket, sum(count), sum(total)
        from {source}
        group by agency_id, 2, kind, affair_id, channel, measure, label, bucket
        on conflict (agency_id, year, kind, affair_id, channel, measure, label, bucket)
        do update set count = petition_rollup_years.count + excluded.count, total = petition_rollup_years.total + excluded.total
        """;

    private static void AddColumns(NpgsqlParameterCollection parameters, List<PetitionRollup> rows)
    {
        parameters.Add(new NpgsqlParameter<int[]>("agency", rows.Select(r => r.AgencyId).ToArray()));
        parameters.Add(new NpgsqlParameter<DateOnly[]>("month", rows.Select(r => r.Month).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        parameters.Add(new NpgsqlParameter<string[]>("kind", rows.Select(r => r.Kind).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<int[]>("affair", rows.Select(r => r.AffairId).ToArray()));
        parameters.Add(new NpgsqlParameter<string[]>("channel", rows.Select(r => r.Channel).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<string[]>("measure", rows.Select(r => r.Measure).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<string[]>("label", rows.Select(r => r.Label).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<int[]>("bucket", rows.Select(r => r.Bucket).ToArray()));
        parameters.Add(new NpgsqlParameter<long[]>("count", rows.Select(r => r.Count).ToArray()));
        parameters.Add(new NpgsqlParameter<long[]>("total", rows.Select(r => r.Total).ToArray()));
    }

    private static string Truncate(string reason) => reason.Length <= 200 ? reason : reason[..200];
}
