using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;
using Treatment.Core.Hosting;
using Treatment.Core.Persistence;

namespace Treatment.Web.Hosting;

/// <summary>
/// Pooled contexts over the inbox's own small data source (<see cref="TreatmentDatabase.CreateInboxReadDataSource"/>),
/// so inbox loads queue in the process rather than on the database server's cores.
/// </summary>
public sealed class InboxReadContexts : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PooledDbContextFactory<TreatmentDbContext> _contexts;

    public InboxReadContexts(IOptions<TreatmentOptions> options, IServiceProvider services)
    {
        _dataSource = TreatmentDatabase.CreateInboxReadDataSource(options.Value.Database, options.Value.InboxReadConnections);
        var builder = new DbContextOptionsBuilder<TreatmentDbContext>();
        TreatmentDatabase.ConfigureInboxReads(builder, _dataSource);

        // The host's model, already built: a second build would slow the first inbox load and compile its queries twice.
        using (var scope = services.CreateScope())
        {
            builder.UseModel(scope.ServiceProvider.GetRequiredService<TreatmentDbContext>().Model);
        }

        _contexts = new PooledDbContextFactory<TreatmentDbContext>(builder.Options);
    }

    /// <summary>The service key of the request's inbox context; the scope disposes it, which returns it to the pool.</summary>
    public const string ServiceKey = "inbox-reads";

    public TreatmentDbContext CreateContext() => _contexts.CreateDbContext();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
