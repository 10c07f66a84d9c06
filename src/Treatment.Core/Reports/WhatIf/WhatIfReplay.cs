using System.Text.Json;
using Npgsql;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Reports.WhatIf;

/// <summary>
/// Reads a year's petitions (only what the clock needs: receipt, kind, affair, period, excluded spans, extensions,
/// recorded due and decision; never content or personal data) in one streamed scan and replays them on every core.
/// </summary>
public sealed class WhatIfReplay(NpgsqlDataSource dataSource, WorkflowCatalog catalog, LiveHolidayCalendar calendar, ClockPolicy policy, TimeProvider time)
{
    private const int BatchSize = 4_096;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The columns the replay reads; the bench's plain scan reads the same.</summary>
    public const string Columns =
        "receipt_number, agency_id, kind, affair_id, workflow_id, workflow_version, sub_kind, period_unit, period_value, received_at, arrived_at, " +
        "clock_started_at, clock_limit, exclusions::text, extensions::text, due_at, decided_at, closed_at, is_open";

    /// <summary>The year's rows, for one agency when given (KST year of receipt).</summary>
    public static string Statement(int? agencyId) =>
        $"select {Columns} from petitions where received_at >= @from and received_at < @to{(agencyId is null ? "" : " and agency_id = @agency")}";

    public async Task<WhatIfTally> RunAsync(int year, WhatIfProposal proposal, int? agencyId, IProgress<double>? progress, CancellationToken ct)
    {
        var asOf = AsOf(year);
        var recorded = new DeadlineCalculator(calendar.Current, policy);
        var proposed = proposal.Holidays.Count == 0 ? recorded : new DeadlineCalculator(WithHolidays(calendar.Current, proposal.Holidays), policy);
        var periods = await PeriodsByAffairAsync(proposal, ct);
        var workflow = proposal.Workflow is { } w ? catalog.Get(w.Id, w.Version) : null;
        var expected = Math.Max(1, await CountAsync(year, agencyId, ct));

        var batches = System.Threading.Channels.Channel.CreateBounded<List<(Petition, string)>>(new System.Threading.Channels.BoundedChannelOptions(Environment.ProcessorCount * 2) { SingleWriter = true });
        var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            var replayer = new WhatIfReplayer(catalog, recorded, proposed, proposal.Holidays, periods, workflow, asOf);
            await foreach (var batch in batches.Reader.ReadAllAsync(ct))
            {
                foreach (var (petition, receipt) in batch)
                {
                    replayer.Replay(petition, receipt);
                }
            }

            return replayer.Tally;
        }, ct)).ToList();

        long read = 0;
        try
        {
            await using var command = dataSource.CreateCommand(Statement(agencyId));
            AddRange(command, year, agencyId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var batch = new List<(Petition, string)>(BatchSize);
            while (await reader.ReadAsync(ct))
            {
                batch.Add(Read(reader));
                if (batch.Count == BatchSize)
                {
                    await batches.Writer.WriteAsync(batch, ct);
                    batch = new List<(Petition, string)>(BatchSize);
                    read += BatchSize;
                    if (read % (BatchSize * 16) == 0)
                    {
                        progress?.Report(Math.Min(0.99, (double)read / expected));
                    }
                }
            }

            await batches.Writer.WriteAsync(batch, ct);
        }
        finally
        {
            batches.Writer.TryComplete();
        }

        var total = new WhatIfTally();
        foreach (var tally in await Task.WhenAll(workers))
        {
            total.Add(tally);
        }

        progress?.Report(1);
        return total;
    }

    /// <summary>Open petitions are judged overdue as of the end of the year, or now if the year has not ended.</summary>
    public DateTimeOffset AsOf(int year)
    {
        var end = YearlyReportBuilder.YearStart(year + 1);
        var now = time.GetUtcNow();
        return now < end ? now : end;
    }

    /// <summary>The calendar with the proposed dates as temporary holidays (a copy; the live calendar is untouched).</summary>
    public static HolidayCalendar WithHolidays(HolidayCalendar calendar, IEnumerable<DateOnly> dates) =>
        LiveHolidayCalendar.WithChanges(calendar, dates.Select(d => new CalendarChange { Date = d, NameKo = "임시공휴일 (가정)", IsHoliday = true, LegalBasis = "what-if" }));

    /// <summary>The current period of every affair by code (what a proposed standards file is compared with).</summary>
    public async Task<IReadOnlyDictionary<string, TreatmentPeriod?>> CurrentPeriodsAsync(CancellationToken ct)
    {
        var periods = new Dictionary<string, TreatmentPeriod?>(StringComparer.Ordinal);
        await foreach (var (_, code, period) in AffairsAsync(ct))
        {
            periods[code] = period;
        }

        return periods;
    }

    private async Task<IReadOnlyDictionary<int, TreatmentPeriod>> PeriodsByAffairAsync(WhatIfProposal proposal, CancellationToken ct)
    {
        var byCode = proposal.Periods.ToDictionary(p => p.AffairCode, p => p.Period, StringComparer.Ordinal);
        var byId = new Dictionary<int, TreatmentPeriod>();
        if (byCode.Count > 0)
        {
            await foreach (var (id, code, _) in AffairsAsync(ct))
            {
                if (byCode.TryGetValue(code, out var period))
                {
                    byId[id] = period;
                }
            }
        }

        return byId;
    }

    private async IAsyncEnumerable<(int Id, string Code, TreatmentPeriod? Period)> AffairsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select id, code, period_unit, period_value from civil_affairs");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            TreatmentPeriod? period = reader.IsDBNull(2) ? null : new TreatmentPeriod(Enum.Parse<PeriodUnit>(reader.GetString(2)), reader.IsDBNull(3) ? 0 : reader.GetInt32(3));
            yield return (reader.GetInt32(0), reader.GetString(1), period);
        }
    }

    private async Task<long> CountAsync(int year, int? agencyId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select count(*) from petitions where receipt_year = @year{(agencyId is null ? "" : " and agency_id = @agency")}");
        command.Parameters.AddWithValue("year", year);
        if (agencyId is { } id)
        {
            command.Parameters.AddWithValue("agency", id);
        }

        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public static void AddRange(NpgsqlCommand command, int year, int? agencyId)
    {
        command.Parameters.AddWithValue("from", YearlyReportBuilder.YearStart(year).ToUniversalTime());
        command.Parameters.AddWithValue("to", YearlyReportBuilder.YearStart(year + 1).ToUniversalTime());
        if (agencyId is { } id)
        {
            command.Parameters.AddWithValue("agency", id);
        }
    }

    /// <summary>One row as an in-memory petition (never attached to a context, never saved).</summary>
    private static (Petition, string) Read(NpgsqlDataReader r)
    {
        var receipt = r.GetString(0);
        var exclusions = r.GetString(13);
        var extensions = r.GetString(14);
        var petition = new Petition
        {
            ReceiptNumber = receipt,
            Title = "",
            Body = "",
            PetitionerName = "",
            State = "",
            AgencyId = r.GetInt32(1),
            Kind = Enum.Parse<PetitionKind>(r.GetString(2)),
            AffairId = r.IsDBNull(3) ? null : r.GetInt32(3),
            WorkflowId = r.GetString(4),
            WorkflowVersion = r.GetInt32(5),
            SubKind = r.IsDBNull(6) ? null : r.GetString(6),
            PeriodUnit = Enum.Parse<PeriodUnit>(r.GetString(7)),
            PeriodValue = r.GetInt32(8),
            ReceivedAt = r.GetFieldValue<DateTimeOffset>(9),
            ArrivedAt = r.GetFieldValue<DateTimeOffset>(10),
            ClockStartedAt = r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11),
            ClockLimit = r.IsDBNull(12) ? null : r.GetString(12),
            Exclusions = exclusions == "[]" ? [] : JsonSerializer.Deserialize<List<ClockSpan>>(exclusions, Json) ?? [],
            Extensions = extensions == "[]" ? [] : JsonSerializer.Deserialize<List<GrantedExtension>>(extensions, Json) ?? [],
            DueAt = r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15),
            DecidedAt = r.IsDBNull(16) ? null : r.GetFieldValue<DateTimeOffset>(16),
            ClosedAt = r.IsDBNull(17) ? null : r.GetFieldValue<DateTimeOffset>(17),
            IsOpen = r.GetBoolean(18),
        };
        return (petition, receipt);
    }
}
