using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Reports.WhatIf;
using Treatment.Core.Workflows;

namespace Treatment.Web.Tests.Reports;

/// <summary>
/// What-if correctness over the generated years of the report data set: the year replayed unchanged gives back the
/// recorded dues and on-time figures exactly; a temporary holiday moves exactly the dues a hand computation predicts.
/// </summary>
[Collection(ReportDatabaseCollection.Name)]
public sealed class WhatIfReplayTests(ReportDatabase data)
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    // After the data's horizon, so open petitions are judged as of the end of the year.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

    private WhatIfReplay Replay() =>
        new(data.DataSource, data.Catalog, new LiveHolidayCalendar((HolidayCalendar)data.Clock.Calendar), ClockPolicy.Default, _time);

    [Fact]
    public async Task Replay_UnchangedYear_ReproducesRecordedDuesAndOnTimeFiguresExactly()
    {
        // Act
        var tally = await Replay().RunAsync(2025, new WhatIfProposal(), null, null, CancellationToken.None);

        // Assert: every petition of the year replayed, no due moved, on-time decisions as recorded (independent SQL)
        var sums = tally.Groups.Values.Aggregate(new WhatIfTally.GroupSums(), (a, g) => { a.Add(g); return a; });
        var (count, onTime, decided) = await RecordedAsync(2025);
        Assert.Equal(count, sums.Petitions);
        Assert.Equal(0, tally.Unreproduced);
        Assert.True(tally.Examples.Count == 0, string.Join("\n", tally.Examples.SelectMany(e => e.Value.Values).Take(8)));
        Assert.Equal(onTime, sums.OnTimeRecorded);
        Assert.Equal(onTime, sums.OnTimeProposed);
        Assert.Equal(decided, sums.Decided);
        Assert.Equal(sums.OpenOverdueRecorded, sums.OpenOverdueProposed);
        Assert.True(sums.Decided > 1_000, $"only {sums.Decided} decisions replayed");
        Assert.All(tally.Milestones.Values, m => Assert.Equal(m.Recorded, m.Proposed));
    }

    [Fact]
    public async Task Replay_TemporaryHoliday_MovesExactlyTheHandPredictedDues()
    {
        // Arrange: one agency of the 2024 year; a Wednesday on which it received nothing, so no count starts on it
        await using var db = data.CreateDbContext();
        var agencyId = await db.Agencies.Where(a => a.Code == "GEN-002").Select(a => a.Id).SingleAsync();
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, Kst).ToUniversalTime();
        var petitions = await db.Petitions.AsNoTracking()
            .Where(p => p.AgencyId == agencyId && p.ReceivedAt >= from && p.ReceivedAt < from.AddYears(1))
            .Select(p => new { p.ReceiptNumber, p.ReceivedAt, p.ClockStartedAt, p.ClockLimit, p.WorkflowId, p.WorkflowVersion, p.DueAt, p.Exclusions })
            .ToListAsync();
        var receiptDays = petitions.Select(p => KstDate(p.ClockStartedAt ?? p.ReceivedAt)).ToHashSet();
        var holiday = Enumerable.Range(0, 200).Select(d => new DateOnly(2024, 4, 3).AddDays(d * 7))
            .First(d => data.Clock.Calendar.IsWorkingDay(d) && !receiptDays.Contains(d));

        // Hand computation: a working day taken out of a count moves its due when it lies after the day the count
        // started and on or before the due day, outside any excluded span; a calendar-day count (Civil Act) moves only
        // when its last day becomes the holiday.
        var predicted = petitions
            .Where(p => p.DueAt is not null && p.Exclusions.All(s => s.To is not null))
            .Where(p =>
            {
                var start = KstDate(p.ClockStartedAt ?? p.ReceivedAt);
                var due = KstDate(p.DueAt!.Value);
                var calendarDays = p.ClockLimit is { } limit && data.Catalog.Get(p.WorkflowId, p.WorkflowVersion).Limits.TryGetValue(limit, out var l)
                    && l.Counting == MilestoneCounting.Calendar;
                var excluded = p.Exclusions.Any(s => s.From <= holiday && holiday <= s.To!.Value);
                return calendarDays ? due == holiday : start < holiday && holiday <= due && !excluded;
            })
            .Select(p => p.ReceiptNumber)
            .Order(StringComparer.Ordinal)
            .ToList();

        // Act
        var tally = await Replay().RunAsync(2024, new WhatIfProposal { Holidays = [holiday] }, agencyId, null, CancellationToken.None);

        // Assert
        Assert.InRange(predicted.Count, 1, WhatIfTally.ExamplesPerChange - 1);
        var moved = tally.Examples[WhatIfChanges.DueMoved].Values.ToList();
        Assert.Equal(predicted, moved.Select(e => e.ReceiptNumber).ToList());
        Assert.All(moved, e => Assert.True(e.ProposedDue > e.RecordedDue, $"{e.ReceiptNumber}: {e.RecordedDue} → {e.ProposedDue}"));
    }

    private static DateOnly KstDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Kst).DateTime);

    private async Task<(long Count, long OnTime, long Decided)> RecordedAsync(int year)
    {
        await using var command = data.DataSource.CreateCommand(
            """
            select count(*),
                   count(*) filter (where decided_at <= due_at and not jsonb_path_exists(exclusions, '$[*] ? (@.to == null)')),
                   count(*) filter (where decided_at is not null and due_at is not null and not jsonb_path_exists(exclusions, '$[*] ? (@.to == null)'))
            from petitions where received_at >= @from and received_at < @to
            """);
        command.Parameters.AddWithValue("from", new DateTimeOffset(year, 1, 1, 0, 0, 0, Kst).ToUniversalTime());
        command.Parameters.AddWithValue("to", new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, Kst).ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
