using Npgsql;
using Treatment.Core.Agencies;

namespace Treatment.Core.Jobs;

/// <summary>One active back-office user who may receive a milestone's notification.</summary>
public sealed record Recipient(Guid UserId, int AgencyId, int? DepartmentId, string? Email, string Role);

/// <summary>Supervisors (department heads) and examiners of the agencies in one batch, loaded with one query.</summary>
public sealed class RecipientDirectory
{
    private readonly List<Recipient> _recipients;

    public RecipientDirectory(IEnumerable<Recipient> recipients) => _recipients = recipients.ToList();

    /// <summary>The supervisors of a department; with no department, of the agency's whole staff.</summary>
    public IEnumerable<Recipient> Supervisors(int agencyId, int? departmentId) =>
        _recipients.Where(r => r.Role == Roles.Supervisor && r.AgencyId == agencyId && (departmentId is null || r.DepartmentId == departmentId));

    /// <summary>The agency's 민원심사관 (Act §25).</summary>
    public IEnumerable<Recipient> Examiners(int agencyId) =>
        _recipients.Where(r => r.Role == Roles.Examiner && r.AgencyId == agencyId);

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
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { Roles.Supervisor, Roles.Examiner } });
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

        return new RecipientDirectory(recipients);
    }
}
