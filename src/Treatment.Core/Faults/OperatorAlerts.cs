using Npgsql;
using NpgsqlTypes;
using Treatment.Core.Agencies;

namespace Treatment.Core.Faults;

/// <summary>Kinds of the in-app notifications that tell operators something needs a hand.</summary>
public static class OperatorAlertKinds
{
    public const string DeadLetter = "dead-letter";

    public const string Quarantine = "sweep-quarantine";
}

/// <summary>
/// Tells the operators (active admins) that something stopped and needs them: the admins of the agency concerned, or
/// of the central agencies when no agency is. In-app, not by mail: the mail server may be the thing that is down.
/// </summary>
public static class OperatorAlerts
{
    public static async Task<int> NotifyAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int? agencyId, long? petitionId, string kind, string messageKo, string messageEn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            insert into user_notifications (user_id, petition_id, kind, message_ko, message_en, created_at)
            select u.id, $2, $3, $4, $5, $6
            from users u
            join "AspNetUserRoles" ur on ur.user_id = u.id
            join "AspNetRoles" r on r.id = ur.role_id
            where u.is_active and r.name = $7
              and (u.agency_id = $1 or ($1 is null and u.agency_id in (select id from agencies where level = $8)))
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)agencyId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)petitionId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        command.Parameters.Add(new NpgsqlParameter { Value = messageKo });
        command.Parameters.Add(new NpgsqlParameter { Value = messageEn });
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = Roles.Admin });
        command.Parameters.Add(new NpgsqlParameter { Value = nameof(AgencyLevel.Central) });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
