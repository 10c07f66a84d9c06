using Npgsql;

namespace Treatment.Core.Reports.WhatIf;

/// <summary>Turns a replay's sums into the stored result: agency and affair codes and names, sorted rows, examples.</summary>
public static class WhatIfResults
{
    public static async Task<WhatIfResult> BuildAsync(NpgsqlDataSource dataSource, int year, WhatIfProposal proposal, string scopeTitle, DateTimeOffset asOf, WhatIfTally tally, CancellationToken ct)
    {
        var agencies = await NamesAsync(dataSource, "select id, code, name_ko from agencies", ct);
        var affairs = await NamesAsync(dataSource, "select id, code, name_ko from civil_affairs", ct);
        var groups = tally.Groups.Select(kv =>
        {
            var (agency, kind, affair) = kv.Key;
            var s = kv.Value;
            var (agencyCode, agencyName) = agencies.GetValueOrDefault(agency, (agency.ToString(System.Globalization.CultureInfo.InvariantCulture), ""));
            var affairNames = affair == 0 ? ((string?)null, (string?)null) : affairs.TryGetValue(affair, out var a) ? (a.Code, a.Name) : (affair.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
            return new WhatIfGroup(agencyCode, agencyName, kind, affairNames.Item1, affairNames.Item2, s.Petitions, s.Decided, s.OnTimeRecorded, s.OnTimeProposed,
                s.TurnedLate, s.TurnedOnTime, s.DuesEarlier, s.DuesLater, s.OpenOverdueRecorded, s.OpenOverdueProposed);
        })
            .OrderBy(g => g.AgencyCode, StringComparer.Ordinal).ThenBy(g => g.Kind, StringComparer.Ordinal).ThenBy(g => g.AffairCode, StringComparer.Ordinal)
            .ToList();
        var milestones = tally.Milestones
            .Select(kv => new WhatIfMilestone(agencies.TryGetValue(kv.Key.Agency, out var n) ? n.Code : kv.Key.Agency.ToString(System.Globalization.CultureInfo.InvariantCulture), kv.Key.Milestone, kv.Value.Recorded, kv.Value.Proposed))
            .OrderBy(m => m.AgencyCode, StringComparer.Ordinal).ThenBy(m => m.Milestone, StringComparer.Ordinal)
            .ToList();
        var examples = tally.Examples.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value.Values).ToList();
        return new WhatIfResult
        {
            Year = year,
            Proposal = proposal,
            ProposalText = proposal.Describe(),
            ScopeTitle = scopeTitle,
            AsOf = asOf,
            Petitions = groups.Sum(g => g.Petitions),
            WithoutDue = tally.WithoutDue,
            Unreproduced = tally.Unreproduced,
            Groups = groups,
            Milestones = milestones,
            Examples = examples,
        };
    }

    private static async Task<Dictionary<int, (string Code, string Name)>> NamesAsync(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
    {
        var names = new Dictionary<int, (string, string)>();
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            names[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return names;
    }
}
