using Npgsql;
using Treatment.Core.Agencies;

namespace Treatment.Core.Jobs;

/// <summary>One active back-office user who may receive a milestone's notification.</summary>
public sealed record Recipient(Guid UserId, int AgencyId, int? DepartmentId, string? Email, string Role);

/// <summary>Supervisors (department heads), examiners and agency heads of the agencies in one batch, loaded with one query.</summary>
public sealed class RecipientDirectory
{
    private readonly List<Recipient> _recipients;
    private readonly Dictionary<int, string> _agencyNames = [];
    private readonly Dictionary<int, string> _departmentNames = [];

    public RecipientDirectory(IEnumerable<Recipient> recipients) => _recipients = recipients.ToList();

    /// <summary>The agency's Korean name as forms address it (the code's fallback is the id).</summary>
    public string AgencyName(int agencyId) => _agencyNames.GetValueOrDefault(agencyId) ?? agencyId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The department's Korean name; without one, the agency's.</summary>
    public string DepartmentName(int agencyId, int? departmentId) =>
        departmentId is { } id && _departmentNames.TryGetValue(id, out var name) ? name : AgencyName(agencyId);

    /// <summary>The supervisors of a department; with no department, of the agency's whole staff.</summary>
    public IEnumerable<Recipient> Supervisors(int agencyId, int? departmentId) =>
        _recipients.Where(r => r.Role == Roles.Supervisor && r.AgencyId == agencyId && (departmentId is null || r.DepartmentId == departmentId));

    /// <summary>The agency's 민원심사관 (Act §25).</summary>
    public IEnumerable<Recipient> Examiners(int agencyId) =>
        _recipients.Where(r => r.Role == Roles.Examiner && r.AgencyId == agencyId);

    /// <summary>The agency's named heads (role <see cref="Roles.AgencyHead"/>); the examiners stand in where none is named.</summary>
    public IEnumerable<Recipient> AgencyHeadsOrExaminers(int agencyId)
    {
        var heads = _recipients.Where(r => r.Role == Roles.AgencyHead && r.AgencyId == agencyId).ToList();
        return heads.Count > 0 ? heads : Examiners(agencyId);
    }

    public static async Task<RecipientDirectory> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, int[] agencyIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select u.id, u.agency_id, u.department_id, u.email, r.name
            from users u
            join "AspNetUserRoles" ur on ur.user_id = u.id
            join "AspNetRoles" r on r.id = ur.role_id
            where u.is_active and u.agency_id = any($1) and r.name = any($2)
            order by u.id
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = agencyIds });
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { Roles.Supervisor, Roles.Examiner, Roles.AgencyHead } });
        var recipients = new List<Recipient>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recipients.Add(new Recipient(
                reader.GetGuid(0),
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4)));
        }

        var directory = new RecipientDirectory(recipients);
        await reader.DisposeAsync();
        await using var names = new NpgsqlCommand(
            "select a.id, a.name_ko, d.id, d.name_ko from agencies a left join departments d on d.agency_id = a.id where a.id = any($1)",
            connection,
            transaction);
        names.Parameters.Add(new NpgsqlParameter { Value = agencyIds });
        await using var named = await names.ExecuteReaderAsync(cancellationToken);
        while (await named.ReadAsync(cancellationToken))
        {
            directory._agencyNames[named.GetInt32(0)] = named.GetString(1);
            if (!named.IsDBNull(2))
            {
                directory._departmentNames[named.GetInt32(2)] = named.GetString(3);
            }
        }

        return directory;
    }
}
