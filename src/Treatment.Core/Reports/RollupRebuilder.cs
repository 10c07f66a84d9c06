using System.Text.Json;
using Npgsql;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Reports;

/// <summary>
/// Recomputes petition_rollups (and its yearly sums) from the audit trail: every event of every petition through
/// <see cref="RollupWriter.Facts"/>, with the petition as it was at that event (extensions so far, the due recorded in
/// the event's dueBefore). Used after a change of the fact mapping, and by the tests to prove rollup = raw.
/// </summary>
public sealed class RollupRebuilder(NpgsqlDataSource dataSource, WorkflowCatalog catalog, IHolidayCalendar calendar)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <returns>the number of rollup rows written</returns>
    public async Task<int> RebuildAsync(CancellationToken ct)
    {
        var writer = new RollupWriter(calendar, catalog);
        var sums = new RollupSums();
        await using (var reader = await dataSource.OpenConnectionAsync(ct))
        {
            await using var command = new NpgsqlCommand(
            """
            select p.id, p.agency_id, p.kind, p.affair_id, p.channel, p.received_at, p.period_unit, p.period_value, p.signer_count,
                   p.household_count, p.transferred_from_petition_id, p.workflow_id, p.workflow_version, p.exclusions::text,
                   p.extensions::text, p.due_at, p.state,
                   e.at, e.type, e.trigger, e.from_state, e.to_state, e.reason, e.data->>'dueBefore',
                   case when e.type = @escalation then e.data::text end, e.workflow_version
            from petitions p join petition_events e on e.petition_id = p.id
            order by p.id, e.at, e.id
            """, reader);
            command.Parameters.AddWithValue("escalation", ReportFactMap.EscalationEventType);
            await using var rows = await command.ExecuteReaderAsync(ct);
            Petition? petition = null;
            List<GrantedExtension> allExtensions = [];
            DateTimeOffset? finalDue = null;
            while (await rows.ReadAsync(ct))
            {
                var id = rows.GetInt64(0);
                if (petition?.Id != id)
                {
                    allExtensions = JsonSerializer.Deserialize<List<GrantedExtension>>(rows.GetString(14), Json) ?? [];
                    finalDue = rows.IsDBNull(15) ? null : rows.GetFieldValue<DateTimeOffset>(15);
                    petition = new Petition
                    {
                        Id = id,
                        ReceiptNumber = "",
                        AgencyId = rows.GetInt32(1),
                        Kind = Enum.Parse<PetitionKind>(rows.GetString(2)),
                        AffairId = rows.IsDBNull(3) ? null : rows.GetInt32(3),
                        Channel = Enum.Parse<Channel>(rows.GetString(4)),
                        Title = "",
                        Body = "",
                        PetitionerName = "",
                        ReceivedAt = rows.GetFieldValue<DateTimeOffset>(5),
                        PeriodUnit = Enum.Parse<PeriodUnit>(rows.GetString(6)),
                        PeriodValue = rows.GetInt32(7),
                        SignerCount = rows.GetInt32(8),
                        HouseholdCount = rows.GetInt32(9),
                        TransferredFromPetitionId = rows.IsDBNull(10) ? null : rows.GetInt64(10),
                        WorkflowId = rows.GetString(11),
                        WorkflowVersion = rows.GetInt32(12),
                        Exclusions = JsonSerializer.Deserialize<List<ClockSpan>>(rows.GetString(13), Json) ?? [],
                        State = rows.GetString(16),
                    };
                }

                var recorded = new PetitionEvent
                {
                    PetitionId = id,
                    At = rows.GetFieldValue<DateTimeOffset>(17),
                    Type = rows.GetString(18),
                    ActorName = "",
                    Trigger = rows.IsDBNull(19) ? null : rows.GetString(19),
                    FromState = rows.IsDBNull(20) ? null : rows.GetString(20),
                    ToState = rows.IsDBNull(21) ? null : rows.GetString(21),
                    Reason = rows.IsDBNull(22) ? null : rows.GetString(22),
                    Data = rows.IsDBNull(24) ? null : rows.GetString(24),
                    WorkflowVersion = rows.GetInt32(25),
                };
                if (recorded.Type == PetitionEventTypes.Transition && ReportFactMap.TransitionOf(catalog, petition, recorded)?.Has<Workflows.Effects.CountsAsExtension>() == true)
                {
                    petition.ExtensionCount++;
                    petition.Extensions = allExtensions.Take(petition.ExtensionCount).ToList();
                }

                petition.DueAt = rows.IsDBNull(23) ? finalDue : DateTimeOffset.Parse(rows.GetString(23), System.Globalization.CultureInfo.InvariantCulture);
                var closes = recorded.Type == PetitionEventTypes.Transition && recorded.ToState is { } to
                    && catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion)?.FindState(to)?.Terminal == true;
                sums.Add(writer.Facts(petition, recorded, closes));
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var delete = new NpgsqlCommand("delete from petition_rollups; delete from petition_rollup_years; delete from petition_rollup_deltas", connection, transaction))
        {
            await delete.ExecuteNonQueryAsync(ct);
        }

        await RollupWriter.AddAsync(connection, transaction, sums.Rows, ct);
        await transaction.CommitAsync(ct);
        return sums.Count;
    }
}
