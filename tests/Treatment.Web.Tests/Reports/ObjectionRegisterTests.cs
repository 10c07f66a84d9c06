using Npgsql;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Petitions;

namespace Treatment.Web.Tests.Reports;

/// <summary>The objection register (form 12) equals what the audit trail of a generated year records, agency by agency.</summary>
[Collection(ReportDatabaseCollection.Name)]
public sealed class ObjectionRegisterTests(ReportDatabase data)
{
    private const int Year = 2025;

    private static Actor Supervisor(int agencyId) => new(Guid.NewGuid(), "감독자", new HashSet<string> { Roles.Supervisor }, agencyId, null);

    [Fact]
    public async Task ListAsync_GeneratedYear_EveryAgencysRegisterEqualsItsAuditTrail()
    {
        // Arrange: the audit trail, counted independently in SQL
        const string Events = """
            select p.agency_id, e.petition_id, e.trigger, e.at, (e.data->>'dueAfter')::timestamptz as due_after
            from petition_events e join petitions p on p.id = e.petition_id
            where e.trigger in ('file-objection', 'extend-objection', 'accept-objection', 'dismiss-objection')
            """;
        var trail = new List<(int Agency, long Petition, string Trigger, DateTimeOffset At, DateTimeOffset? DueAfter)>();
        await using (var command = data.DataSource.CreateCommand(Events))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                trail.Add((reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }

        var filedInYear = trail.Where(t => t.Trigger == "file-objection" && t.At.ToOffset(TimeSpan.FromHours(9)).Year == Year).ToList();
        Assert.True(filedInYear.Count >= 5, $"the generated year should hold objections, found {filedInYear.Count}");
        await using var db = data.CreateDbContext();
        var register = new ObjectionRegister(db, data.Catalog);
        var checkedRows = 0;

        foreach (var agency in filedInYear.Select(t => t.Agency).Distinct())
        {
            // Act
            var rows = await register.ListAsync(Supervisor(agency), Year, CancellationToken.None);

            // Assert
            var expected = filedInYear.Where(t => t.Agency == agency).OrderBy(t => t.At).ToList();
            Assert.Equal(expected.Select(t => t.Petition), rows.Select(r => r.PetitionId));
            Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.Number));
            foreach (var row in rows)
            {
                var events = trail.Where(t => t.Petition == row.PetitionId && t.At >= row.FiledAt).OrderBy(t => t.At).ToList();
                var decision = events.FirstOrDefault(t => t.Trigger is "accept-objection" or "dismiss-objection");
                var extension = events.LastOrDefault(t => t.Trigger == "extend-objection" && (decision.Trigger is null || t.At <= decision.At));
                Assert.Equal("file-objection", events[0].Trigger);
                Assert.Equal(extension.Trigger is not null, row.Extended);
                Assert.Equal(extension.Trigger is not null ? extension.DueAfter : events[0].DueAfter, row.DecisionDue);
                Assert.Equal(decision.Trigger switch { "accept-objection" => ObjectionOutcome.Upheld, "dismiss-objection" => ObjectionOutcome.Dismissed, _ => ObjectionOutcome.Pending }, row.Outcome);
                Assert.Equal(decision.Trigger is null ? null : decision.At, row.DecidedAt);
                checkedRows++;
            }

            // Nothing from another agency, and the CSV has one line per objection
            var csv = ObjectionRegister.ToCsv(rows);
            Assert.Equal(rows.Count + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        }

        Assert.Equal(filedInYear.Count, checkedRows);
    }

    [Theory]
    [InlineData(Roles.Official)]
    [InlineData(Roles.Analyst)]
    public async Task ListAsync_NotASupervisorExaminerOrAdmin_IsRefused(string role)
    {
        await using var db = data.CreateDbContext();
        var register = new ObjectionRegister(db, data.Catalog);
        var actor = new Actor(Guid.NewGuid(), "사용자", new HashSet<string> { role }, 1, null);

        var refused = await Record.ExceptionAsync(() => register.ListAsync(actor, Year, CancellationToken.None));

        Assert.IsType<BackOfficeForbiddenException>(refused);
    }
}
