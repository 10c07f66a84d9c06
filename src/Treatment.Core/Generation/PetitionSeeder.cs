using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;

namespace Treatment.Core.Generation;

/// <summary>What a seed run wrote and how long it took.</summary>
public sealed record SeedResult(int Petitions, long Events, int RollupRows, int Agencies, TimeSpan Elapsed);

/// <summary>
/// Writes generated petitions in bulk: chunks are generated in parallel (each from its own random stream), then written
/// in chunk order with Npgsql binary COPY into petitions and petition_events, bypassing EF; the report rollup is added
/// at the end, all in one transaction.
/// </summary>
public sealed class PetitionSeeder(NpgsqlDataSource dataSource, PetitionGenerator generator)
{
    /// <summary>Prefix of the agencies the seeder creates with --agencies.</summary>
    public const string AgencyPrefix = "GEN-";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SeedResult> SeedAsync(GenerationOptions options, int? agencyCount, IProgress<double>? progress, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (agencyCount is { } k)
        {
            await EnsureAgenciesAsync(connection, k, ct);
        }

        var catalogue = await LoadCatalogueAsync(connection, agencyCount, options.Seed, ct);
        if (catalogue.Agencies.Count == 0)
        {
            throw new InvalidOperationException("no agencies to generate petitions for: seed the reference data first or pass --agencies");
        }

        var codes = catalogue.Agencies.ToDictionary(a => a.Id, a => a.Code);
        var sequences = await LoadSequencesAsync(connection, ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var firstId = await ReserveIdsAsync(connection, transaction, options.Petitions, ct);

        var chunkCount = (options.Petitions + options.ChunkSize - 1) / options.ChunkSize;
        var window = Math.Max(2, Environment.ProcessorCount);
        var pending = new Queue<Task<GeneratedChunk>>();
        var next = 0;
        void Schedule()
        {
            while (pending.Count < window && next < chunkCount)
            {
                var index = next++;
                var size = Math.Min(options.ChunkSize, options.Petitions - (index * options.ChunkSize));
                pending.Enqueue(Task.Run(() => generator.GenerateChunk(options, catalogue, index, size), ct));
            }
        }

        var facts = new RollupSums();
        long events = 0;
        var written = 0;
        Schedule();
        while (pending.Count > 0)
        {
            var chunk = await pending.Dequeue();
            Schedule();
            var baseId = firstId + written;
            ct.ThrowIfCancellationRequested();
            events += WriteChunk(connection, chunk, baseId, codes, sequences);
            written += chunk.Petitions.Count;
            facts.Add(chunk.Facts);
            progress?.Report((double)written / options.Petitions);
        }

        await RollupWriter.AddAsync(connection, transaction, facts.Rows, ct);
        await transaction.CommitAsync(ct);
        await using (var analyze = new NpgsqlCommand("analyze petitions; analyze petition_events; analyze petition_rollups; analyze petition_rollup_years", connection))
        {
            await analyze.ExecuteNonQueryAsync(ct);
        }

        return new SeedResult(written, events, facts.Count, catalogue.Agencies.Count, stopwatch.Elapsed);
    }

    private static long WriteChunk(
        NpgsqlConnection connection, GeneratedChunk chunk, long baseId, Dictionary<int, string> codes, Dictionary<(int, int), int> sequences)
    {
        using (var copy = connection.BeginBinaryImport(
            """
            copy petitions (id, receipt_number, receipt_year, receipt_sequence, kind, sub_kind, affair_id, channel, title, body,
              petitioner_name, arrived_at, received_at, agency_id, workflow_id, workflow_version, state, is_open, clock_state,
              period_unit, period_value, due_at, due_unit, extension_count, exclusions, extensions, overdue, escalation_level,
              clock_generation, result_notices_sent, signer_count, household_count, outcome, decided_at, closed_at,
              transferred_from_petition_id, created_at, updated_at, clock_started_at, clock_limit, supplement_due_on,
              undelivered_supplement_requests, filings_on_same_matter, refusal_received_on,
              objection_extension_count) from stdin (format binary)
            """))
        {
            for (var i = 0; i < chunk.Petitions.Count; i++)
            {
                var p = chunk.Petitions[i].Petition;
                p.Id = baseId + i;
                var year = RollupWriter.DateOf(p.ReceivedAt).Year;
                var key = (p.AgencyId, year);
                var sequence = sequences.GetValueOrDefault(key) + 1;
                sequences[key] = sequence;
                p.ReceiptYear = year;
                p.ReceiptSequence = sequence;
                p.ReceiptNumber = $"{year}-{codes[p.AgencyId]}-{sequence:D6}";
                if (chunk.Petitions[i].TransferredFromLocalIndex is { } from)
                {
                    p.TransferredFromPetitionId = baseId + from;
                }

                copy.StartRow();
                copy.Write(p.Id, NpgsqlDbType.Bigint);
                copy.Write(p.ReceiptNumber, NpgsqlDbType.Varchar);
                copy.Write(p.ReceiptYear, NpgsqlDbType.Integer);
                copy.Write(p.ReceiptSequence, NpgsqlDbType.Integer);
                copy.Write(p.Kind.ToString(), NpgsqlDbType.Varchar);
                WriteNullable(copy, p.SubKind, NpgsqlDbType.Varchar);
                WriteNullable(copy, p.AffairId, NpgsqlDbType.Integer);
                copy.Write(p.Channel.ToString(), NpgsqlDbType.Varchar);
                copy.Write(p.Title, NpgsqlDbType.Varchar);
                copy.Write(p.Body, NpgsqlDbType.Varchar);
                copy.Write(p.PetitionerName, NpgsqlDbType.Varchar);
                copy.Write(p.ArrivedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                copy.Write(p.ReceivedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                copy.Write(p.AgencyId, NpgsqlDbType.Integer);
                copy.Write(p.WorkflowId, NpgsqlDbType.Varchar);
                copy.Write(p.WorkflowVersion, NpgsqlDbType.Integer);
                copy.Write(p.State, NpgsqlDbType.Varchar);
                copy.Write(p.IsOpen, NpgsqlDbType.Boolean);
                copy.Write(p.ClockState.ToString(), NpgsqlDbType.Varchar);
                copy.Write(p.PeriodUnit.ToString(), NpgsqlDbType.Varchar);
                copy.Write(p.PeriodValue, NpgsqlDbType.Integer);
                WriteNullable(copy, p.DueAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                WriteNullable(copy, p.DueUnit?.ToString(), NpgsqlDbType.Varchar);
                copy.Write(p.ExtensionCount, NpgsqlDbType.Integer);
                copy.Write(p.Exclusions.Count == 0 ? "[]" : JsonSerializer.Serialize(p.Exclusions, Json), NpgsqlDbType.Jsonb);
                copy.Write(p.Extensions.Count == 0 ? "[]" : JsonSerializer.Serialize(p.Extensions, Json), NpgsqlDbType.Jsonb);
                copy.Write(p.Overdue, NpgsqlDbType.Boolean);
                copy.Write(p.EscalationLevel, NpgsqlDbType.Integer);
                copy.Write(p.ClockGeneration, NpgsqlDbType.Integer);
                copy.Write(p.ResultNoticesSent, NpgsqlDbType.Integer);
                copy.Write(p.SignerCount, NpgsqlDbType.Integer);
                copy.Write(p.HouseholdCount, NpgsqlDbType.Integer);
                WriteNullable(copy, p.Outcome, NpgsqlDbType.Varchar);
                WriteNullable(copy, p.DecidedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                WriteNullable(copy, p.ClosedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                WriteNullable(copy, p.TransferredFromPetitionId, NpgsqlDbType.Bigint);
                copy.Write(p.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                copy.Write(p.UpdatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                WriteNullable(copy, p.ClockStartedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                WriteNullable(copy, p.ClockLimit, NpgsqlDbType.Varchar);
                WriteNullable(copy, p.SupplementDueOn, NpgsqlDbType.Date);
                copy.Write(p.UndeliveredSupplementRequests, NpgsqlDbType.Integer);
                copy.Write(p.FilingsOnSameMatter, NpgsqlDbType.Integer);
                WriteNullable(copy, p.RefusalReceivedOn, NpgsqlDbType.Date);
                copy.Write(p.ObjectionExtensionCount, NpgsqlDbType.Integer);
            }

            copy.Complete();
        }

        long events = 0;
        using (var copy = connection.BeginBinaryImport(
            "copy petition_events (petition_id, at, type, actor_name, trigger, from_state, to_state, reason, data, workflow_version) from stdin (format binary)"))
        {
            foreach (var generated in chunk.Petitions)
            {
                foreach (var e in generated.Events)
                {
                    copy.StartRow();
                    copy.Write(generated.Petition.Id, NpgsqlDbType.Bigint);
                    copy.Write(e.At.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                    copy.Write(e.Type, NpgsqlDbType.Varchar);
                    copy.Write(e.ActorName, NpgsqlDbType.Varchar);
                    WriteNullable(copy, e.Trigger, NpgsqlDbType.Varchar);
                    WriteNullable(copy, e.FromState, NpgsqlDbType.Varchar);
                    WriteNullable(copy, e.ToState, NpgsqlDbType.Varchar);
                    WriteNullable(copy, e.Reason, NpgsqlDbType.Varchar);
                    WriteNullable(copy, e.Data, NpgsqlDbType.Jsonb);
                    copy.Write(e.WorkflowVersion, NpgsqlDbType.Integer);
                    events++;
                }
            }

            copy.Complete();
        }

        return events;
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } v)
        {
            copy.Write(v, type);
        }
        else
        {
            copy.WriteNull();
        }
    }

    /// <summary>Creates GEN-001 … GEN-K: every tenth a metropolitan government under MOIS, the others its districts.</summary>
    private static async Task EnsureAgenciesAsync(NpgsqlConnection connection, int count, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            with wanted as (
              select i, @prefix || lpad(i::text, 3, '0') as code,
                     case when (i - 1) % 10 = 0 then 'Metropolitan' else 'Local' end as level,
                     @prefix || lpad((((i - 1) / 10) * 10 + 1)::text, 3, '0') as parent_code
              from generate_series(1, @count) i)
            insert into agencies (code, name_ko, name_en, level, parent_id)
            select w.code, '시범 기관 ' || w.code, 'Sample agency ' || w.code, w.level, null
            from wanted w where not exists (select 1 from agencies a where a.code = w.code)
            order by w.i;
            with wanted as (
              select @prefix || lpad(i::text, 3, '0') as code,
                     case when (i - 1) % 10 = 0 then 'MOIS' else @prefix || lpad((((i - 1) / 10) * 10 + 1)::text, 3, '0') end as parent_code
              from generate_series(1, @count) i)
            update agencies a set parent_id = p.id
            from wanted w join agencies p on p.code = w.parent_code
            where a.code = w.code and a.parent_id is distinct from p.id;
            """, connection);
        command.Parameters.AddWithValue("prefix", AgencyPrefix);
        command.Parameters.AddWithValue("count", count);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<GenerationCatalogue> LoadCatalogueAsync(NpgsqlConnection connection, int? agencyCount, int seed, CancellationToken ct)
    {
        var agencies = new List<GenerationAgency>();
        await using (var command = new NpgsqlCommand(
            agencyCount is null
                ? "select id, code, level from agencies order by id"
                : "select id, code, level from agencies where code like @prefix || '%' and code <= @last order by code", connection))
        {
            command.Parameters.AddWithValue("prefix", AgencyPrefix);
            command.Parameters.AddWithValue("last", $"{AgencyPrefix}{agencyCount ?? 0:D3}");
            await using var reader = await command.ExecuteReaderAsync(ct);
            var random = new Random(seed);
            while (await reader.ReadAsync(ct))
            {
                var level = Enum.Parse<AgencyLevel>(reader.GetString(2));
                var weight = level switch { AgencyLevel.Local => 1.0, AgencyLevel.Town => 0.5, AgencyLevel.Metropolitan => 0.6, _ => 0.3 } * (0.4 + (1.6 * random.NextDouble()));
                agencies.Add(new GenerationAgency(reader.GetInt32(0), reader.GetString(1), level, weight));
            }
        }

        var affairs = new List<CivilAffair>();
        await using (var command = new NpgsqlCommand("select id, code, name_ko, name_en, period_unit, period_value from civil_affairs where period_unit is not null and code not like 'PET-%' order by id", connection))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                affairs.Add(new CivilAffair
                {
                    Id = reader.GetInt32(0),
                    Code = reader.GetString(1),
                    NameKo = reader.GetString(2),
                    NameEn = reader.GetString(3),
                    PeriodUnit = Enum.Parse<PeriodUnit>(reader.GetString(4)),
                    PeriodValue = reader.IsDBNull(5) ? null : reader.GetInt32(5),
                });
            }
        }

        // PET-* rows of the standards table are petition kinds, not legal affairs; a period the clock cannot count (days without a number) is left out rather than guessed.
        affairs.RemoveAll(a => a.PeriodUnit != PeriodUnit.Immediate && (a.PeriodValue ?? 0) <= 0);
        if (affairs.Count == 0)
        {
            throw new InvalidOperationException("the affairs catalogue is empty: migrate and import workflows/standards/affairs.csv first");
        }

        return new GenerationCatalogue(agencies, affairs);
    }

    private static async Task<Dictionary<(int, int), int>> LoadSequencesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var sequences = new Dictionary<(int, int), int>();
        await using var command = new NpgsqlCommand("select agency_id, receipt_year, max(receipt_sequence) from petitions group by agency_id, receipt_year", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            sequences[(reader.GetInt32(0), reader.GetInt32(1))] = reader.GetInt32(2);
        }

        return sequences;
    }

    /// <summary>Moves the id sequence past a block of <paramref name="count"/> ids and returns the first of the block.</summary>
    private static async Task<long> ReserveIdsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int count, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "select setval(pg_get_serial_sequence('petitions', 'id'), nextval(pg_get_serial_sequence('petitions', 'id')) + @count - 1)", connection, transaction);
        command.Parameters.AddWithValue("count", (long)count);
        var last = (long)(await command.ExecuteScalarAsync(ct))!;
        return last - count + 1;
    }
}
