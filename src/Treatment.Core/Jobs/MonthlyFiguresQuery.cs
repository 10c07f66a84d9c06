using Treatment.Core.Petitions;

namespace Treatment.Core.Jobs;

/// <summary>
/// The figures of one agency (alias <c>a</c>) for one month [$1, $2) as a lateral subquery: the Decree §22 monthly check
/// stores them and the agency head's monthly page reads them, so both always count alike.
/// </summary>
public static class MonthlyFiguresQuery
{
    /// <summary>다수인관련민원 (Act §2(6)) as the petition records it: at least 5 signers and 5 households (Decree §28③ report).</summary>
    public static readonly string ManyPerson =
        $"p.signer_count >= {Workflows.ManyPersonPetition.MinimumSigners} and p.household_count >= {Workflows.ManyPersonPetition.MinimumHouseholds}";

    public static readonly string Lateral =
        $"""
        select
          (select count(*) from petitions p where p.agency_id = a.id and p.received_at >= $1 and p.received_at < $2) as received,
          (select count(*) from petitions p where p.agency_id = a.id and p.closed_at >= $1 and p.closed_at < $2) as closed,
          (select count(*) from petitions p where p.agency_id = a.id and p.received_at < $2 and (p.closed_at is null or p.closed_at >= $2)) as open_at_month_end,
          (select count(*) from petitions p where p.agency_id = a.id and p.received_at < $2 and (p.closed_at is null or p.closed_at >= $2) and p.due_at < $2) as overdue_at_month_end,
          (select count(*) from petitions p where p.agency_id = a.id and p.decided_at >= $1 and p.decided_at < $2) as decided,
          (select count(*) from petitions p where p.agency_id = a.id and p.decided_at >= $1 and p.decided_at < $2 and p.decided_at <= p.due_at) as decided_on_time,
          (select count(*) from obligation_breaches b where b.agency_id = a.id and b.detected_at >= $1 and b.detected_at < $2) as obligation_breaches,
          (select count(*) from petition_events e join petitions p on p.id = e.petition_id where p.agency_id = a.id and e.type = '{PetitionEventTypes.Escalation}' and e.at >= $1 and e.at < $2) as escalations,
          (select count(*) from petitions p where p.agency_id = a.id and {ManyPerson} and p.received_at >= $1 and p.received_at < $2) as many_person_received,
          (select count(*) from petitions p where p.agency_id = a.id and {ManyPerson} and p.decided_at >= $1 and p.decided_at < $2) as many_person_decided,
          (select count(*) from petitions p where p.agency_id = a.id and {ManyPerson} and p.decided_at >= $1 and p.decided_at < $2 and p.decided_at <= p.due_at) as many_person_decided_on_time,
          (select count(*) from petitions p where p.agency_id = a.id and {ManyPerson} and p.received_at < $2 and (p.closed_at is null or p.closed_at >= $2)) as many_person_open_at_month_end
        """;

}
