using Npgsql;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Petitions;

namespace Treatment.Core.Reports;

/// <summary>Which agencies' figures an analysis covers: null agency = every agency.</summary>
public sealed record AnalysisScope(int? AgencyId, string Title);

/// <summary>
/// The scope of the analysts' surfaces (what-if, benefit estimate, monthly figures), checked in the service layer:
/// analysts (ministry) and the operator's command line see every agency or the one they name; an admin sees only their
/// own agency; every other role is refused. These surfaces show figures and receipt numbers, never petition content.
/// </summary>
public static class AnalystScope
{
    public static async Task<AnalysisScope> ResolveAsync(NpgsqlDataSource dataSource, Actor actor, string? agencyCode, CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(agencyCode) ? null : agencyCode.Trim();
        if (actor == Actor.System || actor.IsInRole(Roles.Analyst))
        {
            return code is null ? new AnalysisScope(null, "전체 기관 (All agencies)") : await AgencyAsync(dataSource, code, ct);
        }

        if (actor.IsInRole(Roles.Admin) && actor.AgencyId is { } own)
        {
            var scope = code is null ? await AgencyAsync(dataSource, own, ct) : await AgencyAsync(dataSource, code, ct);
            return scope.AgencyId == own ? scope : throw new BackOfficeForbiddenException("an admin analyses only their own agency");
        }

        throw new BackOfficeForbiddenException($"requires one of: {Roles.Analyst}, {Roles.Admin}");
    }

    /// <summary>May the actor read a stored analysis of this agency (null: every agency)?</summary>
    public static bool MayRead(Actor actor, int? agencyId) =>
        actor == Actor.System || actor.IsInRole(Roles.Analyst) || (actor.IsInRole(Roles.Admin) && actor.AgencyId is { } own && agencyId == own);

    private static async Task<AnalysisScope> AgencyAsync(NpgsqlDataSource dataSource, object codeOrId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            codeOrId is string ? "select id, name_ko, name_en from agencies where code = @key" : "select id, name_ko, name_en from agencies where id = @key");
        command.Parameters.AddWithValue("key", codeOrId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new BackOfficeInputException("agencyCode", $"기관 코드 '{codeOrId}'가 없습니다.", $"no agency with code '{codeOrId}'");
        }

        return new AnalysisScope(reader.GetInt32(0), $"{reader.GetString(1)} ({reader.GetString(2)})");
    }
}
