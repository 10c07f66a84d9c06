using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Treatment.Core.BackOffice;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Reports.WhatIf;

/// <summary>A stored what-if run as the pages show it.</summary>
public sealed record WhatIfRunView(long Id, int Year, string ProposalText, string Status, int Progress, WhatIfResult? Result, string? Error, DateTimeOffset CreatedAt);

/// <summary>
/// What-if replays for analysts: started and stored like a report run (what_if_runs), computed by <see cref="WhatIfReplay"/>;
/// nothing is written to petitions. Role and agency scope are checked here (<see cref="AnalystScope"/>).
/// </summary>
public sealed class WhatIfService(NpgsqlDataSource dataSource, WhatIfReplay replay, WorkflowCatalog catalog, ReportVersions versions, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(ReportRenderer.Json) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Checks scope and proposal and stores the run (status running); returns its id.</summary>
    public async Task<long> StartAsync(Actor actor, int year, WhatIfProposal proposal, string? agencyCode, CancellationToken ct)
    {
        var scope = await AnalystScope.ResolveAsync(dataSource, actor, agencyCode, ct);
        if (year is < 2000 or > 2100)
        {
            throw new BackOfficeInputException("year", "연도는 2000~2100이어야 합니다.", "the year must be between 2000 and 2100");
        }

        if (proposal.Problems(catalog) is { Count: > 0 } problems)
        {
            throw new BackOfficeInputException("proposal", string.Join("; ", problems), string.Join("; ", problems));
        }

        await using var command = dataSource.CreateCommand(
            """
            insert into what_if_runs (year, agency_id, proposal, status, progress_percent, requested_by_id, created_at)
            values (@year, @agency, @proposal, @status, 0, @by, @now) returning id
            """);
        command.Parameters.AddWithValue("year", year);
        command.Parameters.AddWithValue("agency", (object?)scope.AgencyId ?? DBNull.Value);
        command.Parameters.AddWithValue("proposal", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(proposal, Json));
        command.Parameters.AddWithValue("status", ReportRunStore.Running);
        command.Parameters.AddWithValue("by", (object?)actor.UserId ?? DBNull.Value);
        command.Parameters.AddWithValue("now", time.GetUtcNow().ToUniversalTime());
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Replays a started run and stores the result; on failure the run is marked failed and the error rethrown.</summary>
    public async Task<WhatIfResult> CompleteAsync(long runId, IProgress<double>? progress, CancellationToken ct)
    {
        var (year, agencyId, proposal) = await ParametersAsync(runId, ct);
        try
        {
            var recorder = new Progress(dataSource, runId, progress);
            var tally = await replay.RunAsync(year, proposal, agencyId, recorder, ct);
            var scopeTitle = (await AnalystScope.ResolveAsync(dataSource, Actor.System, await AgencyCodeAsync(agencyId, ct), ct)).Title;
            var result = await WhatIfResults.BuildAsync(dataSource, year, proposal, scopeTitle, replay.AsOf(year), tally, ct);
            await using var command = dataSource.CreateCommand(
                """
                update what_if_runs set status = @status, progress_percent = 100, calendar_version = @calendar, definition_versions = @definitions,
                  content = @content, completed_at = @now where id = @id
                """);
            command.Parameters.AddWithValue("status", ReportRunStore.Completed);
            command.Parameters.AddWithValue("calendar", versions.Calendar);
            command.Parameters.AddWithValue("definitions", versions.Definitions);
            command.Parameters.AddWithValue("content", JsonSerializer.Serialize(result, Json));
            command.Parameters.AddWithValue("now", time.GetUtcNow().ToUniversalTime());
            command.Parameters.AddWithValue("id", runId);
            await command.ExecuteNonQueryAsync(ct);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await using var command = dataSource.CreateCommand("update what_if_runs set status = @status, error = @error, completed_at = @now where id = @id");
            command.Parameters.AddWithValue("status", ReportRunStore.Failed);
            command.Parameters.AddWithValue("error", ex.Message);
            command.Parameters.AddWithValue("now", time.GetUtcNow().ToUniversalTime());
            command.Parameters.AddWithValue("id", runId);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Starts and completes a run at once (the command line).</summary>
    public async Task<(long RunId, WhatIfResult Result)> RunAsync(Actor actor, int year, WhatIfProposal proposal, string? agencyCode, IProgress<double>? progress, CancellationToken ct)
    {
        var id = await StartAsync(actor, year, proposal, agencyCode, ct);
        return (id, await CompleteAsync(id, progress, ct));
    }

    /// <summary>A stored run, or null when it does not exist or lies outside the actor's scope.</summary>
    public async Task<WhatIfRunView?> FindAsync(Actor actor, long runId, CancellationToken ct) =>
        (await ReadAsync(actor, "where id = @id", runId, ct)).FirstOrDefault();

    /// <summary>The latest runs the actor may read.</summary>
    public Task<IReadOnlyList<WhatIfRunView>> RecentAsync(Actor actor, CancellationToken ct) => ReadAsync(actor, "order by id desc limit 20", null, ct);

    private async Task<IReadOnlyList<WhatIfRunView>> ReadAsync(Actor actor, string tail, long? id, CancellationToken ct)
    {
        actor.Require(Agencies.Roles.Analyst, Agencies.Roles.Admin);
        await using var command = dataSource.CreateCommand($"select id, year, agency_id, proposal::text, status, progress_percent, content, error, created_at from what_if_runs {tail}");
        if (id is { } runId)
        {
            command.Parameters.AddWithValue("id", runId);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        var runs = new List<WhatIfRunView>();
        while (await reader.ReadAsync(ct))
        {
            var agency = reader.IsDBNull(2) ? (int?)null : reader.GetInt32(2);
            if (!AnalystScope.MayRead(actor, agency))
            {
                continue;
            }

            var proposal = JsonSerializer.Deserialize<WhatIfProposal>(reader.GetString(3), Json)!;
            var result = reader.IsDBNull(6) ? null : JsonSerializer.Deserialize<WhatIfResult>(reader.GetString(6), Json);
            runs.Add(new WhatIfRunView(reader.GetInt64(0), reader.GetInt32(1), proposal.Describe(), reader.GetString(4), reader.GetInt32(5), result,
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return runs;
    }

    private async Task<(int Year, int? AgencyId, WhatIfProposal Proposal)> ParametersAsync(long runId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select year, agency_id, proposal::text from what_if_runs where id = @id");
        command.Parameters.AddWithValue("id", runId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new InvalidOperationException($"no what-if run {runId}");
        }

        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), JsonSerializer.Deserialize<WhatIfProposal>(reader.GetString(2), Json)!);
    }

    private async Task<string?> AgencyCodeAsync(int? agencyId, CancellationToken ct)
    {
        if (agencyId is null)
        {
            return null;
        }

        await using var command = dataSource.CreateCommand("select code from agencies where id = @id");
        command.Parameters.AddWithValue("id", agencyId.Value);
        return (string?)await command.ExecuteScalarAsync(ct);
    }

    /// <summary>Stores progress on the run row (for the page) and passes it on (for the command line's bar).</summary>
    private sealed class Progress(NpgsqlDataSource dataSource, long runId, IProgress<double>? next) : IProgress<double>
    {
        public void Report(double value)
        {
            next?.Report(value);
            using var command = dataSource.CreateCommand("update what_if_runs set progress_percent = @p where id = @id and status = 'running'");
            command.Parameters.AddWithValue("p", (int)Math.Round(Math.Clamp(value, 0, 1) * 99));
            command.Parameters.AddWithValue("id", runId);
            command.ExecuteNonQuery();
        }
    }
}
