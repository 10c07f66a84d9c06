using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;

namespace Treatment.Core.BackOffice;

/// <summary>Where a month's check stands: not generated yet, awaiting the examiner, signed in time or late.</summary>
public enum MonthlyCheckStatus
{
    NotGenerated,
    Unsigned,

    /// <summary>Past the 5th and still unsigned: already a breach, recorded as late when it is signed.</summary>
    UnsignedOverdue,
    Signed,
    SignedLate,
}

/// <summary>The stored figures of one agency's monthly check (Decree §22) with the many-person figures of Decree §28③.</summary>
public sealed record MonthlyCheckFigures(
    long Received, long Closed, long OpenAtMonthEnd, long OverdueAtMonthEnd, long Decided, long DecidedOnTime, long ObligationBreaches, long Escalations,
    long ManyPersonReceived, long ManyPersonDecided, long ManyPersonDecidedOnTime, long ManyPersonOpenAtMonthEnd)
{
    /// <summary>Decisions of the month that came after their due.</summary>
    public long DecidedLate => Decided - DecidedOnTime;
}

/// <summary>One agency's line on the monthly check page: its figures, the month's violations by obligation and the sign-off.</summary>
public sealed record MonthlyCheckRow(
    int AgencyId, string AgencyCode, string AgencyName, int Year, int Month, MonthlyCheckFigures? Figures,
    IReadOnlyList<(string Obligation, long Count)> BreachesByObligation, DateTimeOffset SignOffDue,
    DateTimeOffset? SignedAt, string? SignedByName, bool SignedLate, MonthlyCheckStatus Status);

/// <summary>
/// The Decree §22 monthly check as people see and sign it: the previous month's stored figures and violations per
/// agency (the actor's agency and those under it through parent_id), signed off once by the agency's examiner by the
/// 5th of the following month (KST, policy <c>monthly-check-by-the-fifth</c>); a later signature is recorded as late.
/// Supervisors, examiners and admins read; only examiners sign; other roles are refused.
/// </summary>
public sealed class MonthlyCheckRegister(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The sign-off day of the month that follows the checked one (Decree §22: 매월 5일까지).</summary>
    public const int SignOffDay = 5;

    /// <summary>The last instant a check of (year, month) may be signed without being late: the 5th of the next month, end of day KST.</summary>
    public static DateTimeOffset SignOffDueOf(int year, int month) =>
        new DateTimeOffset(year, month, 1, 0, 0, 0, DeadlineCalculator.KstOffset).AddMonths(1).AddDays(SignOffDay).AddTicks(-TimeSpan.TicksPerSecond);

    /// <summary>The month before the current one (KST), which the check of this month covers.</summary>
    public (int Year, int Month) PreviousMonth()
    {
        var today = time.GetUtcNow().ToOffset(DeadlineCalculator.KstOffset);
        var previous = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(-1);
        return (previous.Year, previous.Month);
    }

    public async Task<IReadOnlyList<MonthlyCheckRow>> ListAsync(Actor actor, int year, int month, CancellationToken ct)
    {
        actor.Require(Roles.Supervisor, Roles.Examiner, Roles.Admin);
        var agencyId = actor.AgencyId ?? throw new BackOfficeForbiddenException("no agency");
        CheckMonth(year, month);
        var start = new DateTimeOffset(year, month, 1, 0, 0, 0, DeadlineCalculator.KstOffset);
        await using var command = dataSource.CreateCommand(
            """
            with recursive scope(id) as (select $1::int union select a.id from agencies a join scope s on a.parent_id = s.id)
            select a.id, a.code, a.name_ko, m.content::text, m.signed_at, m.signed_by_name, coalesce(m.signed_late, false),
                   (select coalesce(jsonb_object_agg(b.obligation, b.n), '{}'::jsonb)::text from (
                       select obligation, count(*) as n from obligation_breaches b
                       where b.agency_id = a.id and b.detected_at >= $4 and b.detected_at < $5 group by obligation) b)
            from scope join agencies a on a.id = scope.id
            left join monthly_checks m on m.agency_id = a.id and m.year = $2 and m.month = $3
            order by a.id = $1 desc, a.code
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = agencyId });
        command.Parameters.Add(new NpgsqlParameter { Value = year });
        command.Parameters.Add(new NpgsqlParameter { Value = month });
        command.Parameters.Add(new NpgsqlParameter { Value = start.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = start.AddMonths(1).UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var due = SignOffDueOf(year, month);
        var now = time.GetUtcNow();
        var rows = new List<MonthlyCheckRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var figures = reader.IsDBNull(3) ? null : Figures(reader.GetString(3));
            DateTimeOffset? signedAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4);
            var late = reader.GetBoolean(6);
            var breaches = JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(7))!
                .OrderByDescending(b => b.Value).ThenBy(b => b.Key, StringComparer.Ordinal).Select(b => (b.Key, b.Value)).ToList();
            var status = figures is null ? MonthlyCheckStatus.NotGenerated
                : signedAt is not null ? (late ? MonthlyCheckStatus.SignedLate : MonthlyCheckStatus.Signed)
                : now > due ? MonthlyCheckStatus.UnsignedOverdue : MonthlyCheckStatus.Unsigned;
            rows.Add(new MonthlyCheckRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), year, month, figures, breaches, due,
                signedAt, reader.IsDBNull(5) ? null : reader.GetString(5), late, status));
        }

        return rows;
    }

    /// <summary>
    /// The examiner of the agency signs its check of (year, month) off, once: the check is stored first if the job has
    /// not run yet; a signature after the 5th is recorded as late. Returns the agency's row as signed.
    /// </summary>
    public async Task<MonthlyCheckRow> SignAsync(Actor actor, int year, int month, CancellationToken ct)
    {
        actor.Require(Roles.Examiner);
        var agencyId = actor.AgencyId ?? throw new BackOfficeForbiddenException("no agency");
        CheckMonth(year, month);
        var now = time.GetUtcNow();
        if (now < new DateTimeOffset(year, month, 1, 0, 0, 0, DeadlineCalculator.KstOffset).AddMonths(1))
        {
            throw new BackOfficeInputException("month", "끝나지 않은 달은 점검을 확인할 수 없습니다.", "a month that has not ended cannot be signed off");
        }

        await new MonthlyStatusCheck(dataSource, time).RunAsync(year, month, ct);
        await using var command = dataSource.CreateCommand(
            """
            update monthly_checks set signed_at = $4, signed_by_id = $5, signed_by_name = $6, signed_late = $7
            where agency_id = $1 and year = $2 and month = $3 and signed_at is null
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = agencyId });
        command.Parameters.Add(new NpgsqlParameter { Value = year });
        command.Parameters.Add(new NpgsqlParameter { Value = month });
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)actor.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = actor.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = now > SignOffDueOf(year, month) });
        if (await command.ExecuteNonQueryAsync(ct) == 0)
        {
            throw new BackOfficeInputException("month", "이 달의 점검은 이미 확인되었습니다.", "this month's check was already signed off");
        }

        return (await ListAsync(actor, year, month, ct)).First(r => r.AgencyId == agencyId);
    }

    /// <summary>The page's rows as CSV (UTF-8 with BOM, Korean headings), one line per agency.</summary>
    public static string ToCsv(IReadOnlyList<MonthlyCheckRow> rows)
    {
        var lines = new List<string>
        {
            "기관코드,기관명,연,월,접수,종결,월말 미처리,월말 기한경과,처리,기한 내 처리,기한 후 처리,의무 위반,독촉·보고,다수인 접수,다수인 처리,다수인 기한 내 처리,다수인 월말 미처리,위반 내역,확인 기한,확인 일시,확인자,지연 확인",
        };
        foreach (var r in rows)
        {
            var f = r.Figures;
            string N(Func<MonthlyCheckFigures, long> pick) => f is null ? "" : pick(f).ToString(CultureInfo.InvariantCulture);
            lines.Add(string.Join(",",
                r.AgencyCode, Csv(r.AgencyName), r.Year, r.Month, N(x => x.Received), N(x => x.Closed), N(x => x.OpenAtMonthEnd), N(x => x.OverdueAtMonthEnd),
                N(x => x.Decided), N(x => x.DecidedOnTime), N(x => x.DecidedLate), N(x => x.ObligationBreaches), N(x => x.Escalations),
                N(x => x.ManyPersonReceived), N(x => x.ManyPersonDecided), N(x => x.ManyPersonDecidedOnTime), N(x => x.ManyPersonOpenAtMonthEnd),
                Csv(string.Join("; ", r.BreachesByObligation.Select(b => $"{b.Obligation} {b.Count}"))), Kst(r.SignOffDue),
                r.SignedAt is { } at ? Kst(at) : "", Csv(r.SignedByName ?? ""),
                r.Status switch { MonthlyCheckStatus.SignedLate or MonthlyCheckStatus.UnsignedOverdue => "Y", MonthlyCheckStatus.Signed => "N", _ => "" }));
        }

        var text = new StringBuilder("\uFEFF");
        foreach (var line in lines)
        {
            text.Append(line).Append("\r\n");
        }

        return text.ToString();
    }

    private static MonthlyCheckFigures Figures(string json)
    {
        using var doc = JsonDocument.Parse(json);
        long N(string name) => doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
        return new MonthlyCheckFigures(N("received"), N("closed"), N("openAtMonthEnd"), N("overdueAtMonthEnd"), N("decided"), N("decidedOnTime"),
            N("obligationBreaches"), N("escalations"), N("manyPersonReceived"), N("manyPersonDecided"), N("manyPersonDecidedOnTime"), N("manyPersonOpenAtMonthEnd"));
    }

    private static void CheckMonth(int year, int month)
    {
        if (month is < 1 or > 12 || year is < 2000 or > 2100)
        {
            throw new BackOfficeInputException("month", "연월이 올바르지 않습니다.", "the year or month is out of range");
        }
    }

    private static string Kst(DateTimeOffset at) => at.ToOffset(DeadlineCalculator.KstOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Csv(string value) => value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
