using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Security;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;

namespace Treatment.Core.Committee;

/// <summary>Why a petition is on the yearly review list (Decree §38조의2).</summary>
public enum ReviewReason
{
    /// <summary>A many-person petition received in the year (Act §2(6)).</summary>
    ManyPerson,

    /// <summary>Filed in the year on the same matter as an earlier petition closed as repeated (confirmed link, Act §23).</summary>
    RefiledAfterClosure,
}

/// <summary>One line of the yearly review list, and whether the committee decided on the petition in that year.</summary>
public sealed record ReviewRow(long PetitionId, string ReceiptNumber, string Title, string Petitioner, DateTimeOffset ReceivedAt, ReviewReason Reason,
    string? ClosedEarlierReceiptNumber, bool IsOpen, DateTimeOffset? CommitteeDecidedAt);

/// <summary>
/// The petitions the 민원조정위원회 reviews at least once a year (Decree §38조의2; policy <c>yearly-review-list</c>):
/// many-person petitions received in the year, and petitions filed in the year that an official confirmed as the same
/// matter as an earlier petition closed as repeated. Closed-as-repeated states are found by the effect
/// <c>counts-as-repeated-closure</c> in each definition version, never by a trigger's name.
/// </summary>
public sealed class YearlyReviewList(TreatmentDbContext db, WorkflowCatalog catalog)
{
    private const int Limit = 5_000;

    private sealed record Row(long Id, string ReceiptNumber, string Title, string PetitionerName, DateTimeOffset ReceivedAt, bool ManyPerson, string? Earlier, bool IsOpen, DateTimeOffset? DecidedAt);

    public async Task<IReadOnlyList<ReviewRow>> ListAsync(Actor actor, int year, CancellationToken ct)
    {
        actor.Require(Roles.Supervisor, Roles.Examiner, Roles.Admin);
        var agencyId = actor.AgencyId ?? throw new BackOfficeForbiddenException("no agency");
        var closedAsRepeated = catalog.All
            .SelectMany(d => d.Transitions.Where(t => t.To is not null && t.Has<CountsAsRepeatedClosure>()).Select(t => $"{d.Id}|{d.Version}|{t.To}"))
            .Distinct().ToArray();
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, DeadlineCalculator.KstOffset).ToUniversalTime();
        var to = from.AddYears(1);
        var rows = await db.Database.SqlQuery<Row>($"""
            select p.id as id, p.receipt_number as receipt_number, p.title as title, p.petitioner_name as petitioner_name, p.received_at as received_at,
                   (p.signer_count >= {ManyPersonPetition.MinimumSigners} and p.household_count >= {ManyPersonPetition.MinimumHouseholds}) as many_person,
                   (select e.receipt_number from same_matter_links l join petitions e on e.id = l.earlier_petition_id
                     where l.petition_id = p.id and l.decision = 'Confirmed' and not e.is_open
                       and (e.workflow_id || '|' || e.workflow_version || '|' || e.state) = any({closedAsRepeated})
                     order by e.received_at desc limit 1) as earlier,
                   p.is_open as is_open,
                   (select max(d.decided_at) from committee_agenda_items i join committee_decisions d on d.agenda_item_id = i.id
                     where i.petition_id = p.id and d.decided_at >= {from} and d.decided_at < {to}) as decided_at
            from petitions p
            where p.agency_id = {agencyId} and p.received_at >= {from} and p.received_at < {to} and p.merged_into_petition_id is null
              and ((p.signer_count >= {ManyPersonPetition.MinimumSigners} and p.household_count >= {ManyPersonPetition.MinimumHouseholds})
                   or exists (select 1 from same_matter_links l join petitions e on e.id = l.earlier_petition_id
                               where l.petition_id = p.id and l.decision = 'Confirmed' and not e.is_open
                                 and (e.workflow_id || '|' || e.workflow_version || '|' || e.state) = any({closedAsRepeated})))
            order by p.received_at, p.id
            limit {Limit}
            """).ToListAsync(ct);
        return rows.Select(r => new ReviewRow(r.Id, r.ReceiptNumber, r.Title, PersonalDataProtector.MaskName(r.PetitionerName), r.ReceivedAt,
            r.ManyPerson ? ReviewReason.ManyPerson : ReviewReason.RefiledAfterClosure, r.Earlier, r.IsOpen, r.DecidedAt)).ToList();
    }

    public static string ToCsv(IReadOnlyList<ReviewRow> rows)
    {
        var lines = new List<string> { "접수번호,민원명,민원인,접수일시,사유,종결된 이전 민원,처리 중,위원회 심의일시" };
        lines.AddRange(rows.Select(r => string.Join(",",
            r.ReceiptNumber, Csv(r.Title), Csv(r.Petitioner), Kst(r.ReceivedAt),
            r.Reason == ReviewReason.ManyPerson ? "다수인관련민원" : "종결 후 재제출",
            r.ClosedEarlierReceiptNumber ?? "", r.IsOpen ? "Y" : "N", r.CommitteeDecidedAt is { } at ? Kst(at) : "")));
        return "\uFEFF" + string.Join("\r\n", lines) + "\r\n";
    }

    private static string Kst(DateTimeOffset at) => at.ToOffset(DeadlineCalculator.KstOffset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string Csv(string value) => value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
