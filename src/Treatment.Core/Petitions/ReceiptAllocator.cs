using Microsoft.EntityFrameworkCore;
using Npgsql;
using Treatment.Core.Assignment;
using Treatment.Core.Persistence;

namespace Treatment.Core.Petitions;

/// <summary>Receipt numbers: one sequence per agency and year, never reused, never max()+1.</summary>
public sealed class ReceiptAllocator(TreatmentDbContext db)
{
    private const string CounterUpsert =
        """
        with c as (
            insert into receipt_counters (agency_id, year, last_sequence) values ($1, $2, 1)
            on conflict (agency_id, year) do update set last_sequence = receipt_counters.last_sequence + 1
            returning last_sequence)
        select c.last_sequence, nextval(pg_get_serial_sequence('petitions', 'id')),
            (select d.distribution_policy from departments d where d.id = $3)
        """;

    private const string AllocateSql = CounterUpsert + " from c";

    private const string AllocateWithoutFlushWaitSql = CounterUpsert + ", set_config('synchronous_commit', 'off', true) from c";

    /// <summary>
    /// The receipt sequence (one upsert on the agency-year counter row, never max()+1) and the petition id, in one
    /// round trip. It commits on its own so intakes of one agency do not queue behind each other's transactions; a
    /// failed intake leaves a gap in the numbers, never a duplicate. The routed department's distribution policy comes
    /// in the same round trip, so that a manual department (the default) costs intake no read of its officials.
    /// </summary>
    public async Task<ReceiptAllocation> AllocateAsync(int agencyId, int year, int departmentId, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            // The counter row is shared by every intake of the agency and year, so its update commits on its own and
            // without waiting for the WAL flush: the row lock is released at once instead of after a disk flush. That
            // is safe because the petition that uses the number commits later with a flush, which makes the counter
            // durable too; a counter lost in a crash was never used by a committed petition. Inside an open transaction
            // (a transfer) the setting would reach the petition's own commit, so there the plain statement runs.
            var ownCommit = db.Database.CurrentTransaction is null && System.Transactions.Transaction.Current is null;
            await using var command = new NpgsqlCommand(ownCommit ? AllocateWithoutFlushWaitSql : AllocateSql, connection);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = agencyId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = year });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = departmentId });
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var policy = !reader.IsDBNull(2) && Enum.TryParse<DistributionPolicy>(reader.GetString(2), out var read) ? read : (DistributionPolicy?)null;
            return new ReceiptAllocation(reader.GetInt64(1), reader.GetInt32(0), policy);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>A petition's id and receipt sequence, and the distribution policy of the department it was routed to (null when unknown).</summary>
public readonly record struct ReceiptAllocation(long Id, int Sequence, DistributionPolicy? DepartmentPolicy)
{
    /// <summary>False when the department assigns by hand: then no official is chosen at intake and none need be read.</summary>
    public bool DepartmentDistributes => DepartmentPolicy is not DistributionPolicy.Manual;
}
