using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treatment.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DecidedAtFromDecision : Migration
    {
        /// <summary>
        /// decided_at becomes the instant of the first decision transition (not of the first result notice): the
        /// decision triggers are those the published effects files declare with a decision (frozen here as published
        /// files never change); petitions without one (withdrawn, returned, transferred, closed as repeated) get none.
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                with decisions(workflow_id, version, trigger) as (values
                ('grievance', 1, 'resolve'),
                ('inquisitive', 1, 'answer'),
                ('legal', 1, 'issue-immediately'),
                ('legal', 1, 'grant'),
                ('legal', 1, 'refuse'),
                ('other', 1, 'answer-on-the-spot'),
                ('other', 1, 'answer'),
                ('other', 2, 'answer-on-the-spot'),
                ('other', 2, 'answer'),
                ('recommendatory', 1, 'accept'),
                ('recommendatory', 1, 'accept-partly'),
                ('recommendatory', 1, 'not-accept')),
                first_decision as (
                    select e.petition_id, min(e.at) as at
                    from petition_events e
                    join petitions p on p.id = e.petition_id
                    join decisions d on d.workflow_id = p.workflow_id and d.version = coalesce(nullif(e.workflow_version, 0), p.workflow_version) and d.trigger = e.trigger
                    where e.type = 'transition'
                    group by e.petition_id)
                update petitions p set decided_at = f.at
                from (select p2.id, fd.at from petitions p2 left join first_decision fd on fd.petition_id = p2.id) f
                where f.id = p.id and p.decided_at is distinct from f.at
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The former values (first result notice) are not kept; the corrected instants stay.
        }
    }
}
