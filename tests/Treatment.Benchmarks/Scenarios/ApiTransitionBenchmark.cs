using System.Collections.Concurrent;
using System.Net;
using Npgsql;

namespace Treatment.Benchmarks.Scenarios;

/// <summary>
/// Issue 6: one state transition through POST /api/v1/petitions/{id}/actions/route (load with xmin, Stateless, audit
/// event, save) with 32 clients for 30 s, against a raw update-plus-insert transaction. --quick runs 5 s phases.
/// </summary>
public sealed class ApiTransitionBenchmark : IBenchScenario
{
    private const int Clients = 32;
    private const int Petitions = 400_000;

    public string Name => "api-transition";

    public bool NeedsDatabase => true;

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var phase = TimeSpan.FromSeconds(context.Flags.Contains("quick") ? 5 : 30);
        await using var host = await ApiBenchHost.StartAsync(context, "transition");
        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        await using (var seed = dataSource.CreateCommand(
            $"""
            insert into petitions (receipt_number, receipt_year, receipt_sequence, kind, channel, title, body, petitioner_name, arrived_at, received_at,
                agency_id, department_id, workflow_id, workflow_version, state, is_open, clock_state, period_unit, period_value, due_at, due_unit,
                extension_count, exclusions, extensions, overdue, escalation_level, clock_generation, result_notices_sent, signer_count, household_count,
                created_at, updated_at, clock_started_at)
            select 'B-' || g, 2099, g, 'Grievance', 'Visit', '벤치마크 민원', '본문', '홍길동', now(), now(),
                a.id, d.id, 'grievance', 1, 'received', true, 'Running', 'Days', 7, now() + interval '10 days', 'Days',
                0, '[]', '[]', false, 0, 1, 0, 1, 1, now(), now(), now()
            from generate_series(1, {Petitions}) g
            cross join (select id from agencies where code = 'SEOUL-JONGNO') a
            cross join lateral (select id from departments where agency_id = a.id and is_petitions_office) d
            """))
        {
            seed.CommandTimeout = 300;
            await seed.ExecuteNonQueryAsync(cancellationToken);
        }

        var ids = new List<long>();
        await using (var select = dataSource.CreateCommand("select id from petitions where receipt_number like 'B-%' order by id"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        var queue = new ConcurrentQueue<long>(ids.Take(Petitions / 2));
        using var official = await host.OfficialAsync();
        Func<int, Task<bool?>> Route(bool minimal) => async _ =>
        {
            if (!queue.TryDequeue(out var id))
            {
                return null;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/petitions/{id}/actions/route");
            if (minimal)
            {
                request.Headers.Add("Prefer", "return=minimal");
            }

            using var response = await official.SendAsync(request, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        };

        // A minute of warm-up, as for intake: tiered (PGO) compilation reaches its optimized code only after that long
        // under full load on two cores.
        await Load.RunAsync(Clients, TimeSpan.FromSeconds(context.Flags.Contains("quick") ? 2 : 60), Route(false));
        var api = await Load.RunAsync(Clients, phase, Route(false));
        context.Log.WriteLine($"[bench] api-transition: {api.Rate:N0}/s, p99 {api.P99Ms:N1} ms, failed {api.Failed}; minimal response");
        var minimal = await Load.RunAsync(Clients, phase, Route(true));
        context.Log.WriteLine($"[bench] api-transition minimal: {minimal.Rate:N0}/s; raw baseline");
        var rawIds = ids.Skip(Petitions / 2).ToArray();
        var next = -1;
        var raw = await Load.RunAsync(Clients, phase, async _ =>
        {
            var id = rawIds[(int)((uint)Interlocked.Increment(ref next) % (uint)rawIds.Length)];
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            uint xmin;
            await using (var load = new NpgsqlCommand("select xmin from petitions where id = $1", connection, transaction))
            {
                load.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
                xmin = (uint)(await load.ExecuteScalarAsync(cancellationToken))!;
            }

            await using (var update = new NpgsqlCommand("update petitions set state = 'reviewing', updated_at = now() where id = $1 and xmin = $2", connection, transaction))
            {
                update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
                update.Parameters.Add(new NpgsqlParameter { Value = xmin, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Xid });
                if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    return false;
                }
            }

            await using (var audit = new NpgsqlCommand(
                "insert into petition_events (petition_id, at, type, actor_name, trigger, from_state, to_state, workflow_version) values ($1, now(), 'transition', 'bench', 'route', 'received', 'reviewing', 1)", connection, transaction))
            {
                audit.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
                await audit.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        });
        return
        [
            new BenchRow($"transition POST …/actions/route, {Clients} clients ({api.Failed} failed)", api.Rate, "transitions/s", "raw load + update + insert transaction", raw.Rate),
            new BenchRow("transition p99", api.P99Ms, "ms", "raw transaction p99", raw.P99Ms),
            new BenchRow($"transition with Prefer: return=minimal ({minimal.Failed} failed)", minimal.Rate, "transitions/s", "raw load + update + insert transaction", raw.Rate),
            new BenchRow("transition p99, return=minimal", minimal.P99Ms, "ms", "raw transaction p99", raw.P99Ms),
        ];
    }
}
