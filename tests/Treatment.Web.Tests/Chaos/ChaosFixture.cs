using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Treatment.Web.Tests.Infrastructure;
using Treatment.Web.Tests.Jobs;

namespace Treatment.Web.Tests.Chaos;

/// <summary>
/// The fault suite's world: a PostgreSQL cluster of its own (restarted by one scenario), a database migrated and
/// seeded by an in-process host whose clock reads real time (the node processes run on real time), and the scale:
/// reduced unless TREATMENT_CHAOS=full (scripts/chaos).
/// </summary>
public sealed class ChaosFixture : IAsyncLifetime
{
    public static readonly string PersonalDataKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 3)).ToArray());

    public static string RepositoryRoot { get; } = FindRoot();

    public static bool Full => string.Equals(Environment.GetEnvironmentVariable("TREATMENT_CHAOS"), "full", StringComparison.OrdinalIgnoreCase);

    public ThrowawayCluster Cluster { get; private set; } = null!;

    public TreatmentApp App { get; private set; } = null!;

    public string Database => App.ConnectionString;

    public async Task InitializeAsync()
    {
        Cluster = await ThrowawayCluster.CreateAsync();
        App = new TreatmentApp { DatabaseServer = Cluster.ConnectionString };
        await App.InitializeAsync();
        App.Time.SetUtcNow(TimeProvider.System.GetUtcNow());
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>Appends one scenario's figures to artifacts/chaos/figures.md and returns them as text.</summary>
    public static string Report(string scenario, IEnumerable<(string Name, object Value)> figures)
    {
        var line = new StringBuilder().Append("| ").Append(scenario).Append(Full ? " (full)" : " (reduced)");
        foreach (var (name, value) in figures)
        {
            line.Append(" | ").Append(name).Append(": ").Append(string.Format(CultureInfo.InvariantCulture, "{0}", value));
        }

        line.Append(" |");
        var folder = Path.Combine(RepositoryRoot, "artifacts", "chaos");
        Directory.CreateDirectory(folder);
        File.AppendAllText(Path.Combine(folder, "figures.md"), line + Environment.NewLine);
        Console.WriteLine(line);
        return line.ToString();
    }

    /// <summary>
    /// <paramref name="count"/> open grievance petitions received 20 days ago, so several milestones each are due now:
    /// one made as the tests make petitions, the rest copied from it in one statement.
    /// </summary>
    public async Task<long[]> SeedDueAsync(string run, int count)
    {
        var template = await MilestonePetitions.CreateAsync(App, TimeProvider.System.GetUtcNow().AddDays(-20));
        await using var dataSource = NpgsqlDataSource.Create(Database);
        await using (var copy = dataSource.CreateCommand(
            $$"""
            do $$
            declare cols text;
            begin
              select string_agg(quote_ident(column_name), ',' order by ordinal_position) into cols
              from information_schema.columns
              where table_schema = 'public' and table_name = 'petitions' and is_generated = 'NEVER'
                and column_name not in ('id', 'receipt_number', 'receipt_sequence', 'title') and is_identity = 'NO';
              execute format('insert into petitions (%s, receipt_number, receipt_sequence, title) select %s, ''C-{{run}}-'' || g, (select greatest(max(receipt_sequence), 700000000) from petitions) + g, ''chaos {{run}} '' || g from petitions, generate_series(1, {{count - 1}}) g where id = {{template.Id}}', cols, cols);
              update petitions set title = 'chaos {{run}} 0' where id = {{template.Id}};
            end $$;
            """))
        {
            copy.CommandTimeout = 600;
            await copy.ExecuteNonQueryAsync();
        }

        await using var ids = dataSource.CreateCommand($"select array_agg(id order by id) from petitions where title like 'chaos {run} %'");
        return (long[])(await ids.ExecuteScalarAsync())!;
    }

    public async Task<long> ScalarAsync(string sql, params object[] values)
    {
        await using var dataSource = NpgsqlDataSource.Create(Database);
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 600;
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Treatment.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Treatment.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection : ICollectionFixture<ChaosFixture>
{
    public const string Name = "chaos";
}
