using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Treatment.Core.Affairs;
using Treatment.Core.Persistence.Seeding;

namespace Treatment.Core.Persistence;

/// <summary>Brings a database up to date at start: migrations, the affairs catalogue, and (demo only) the demo data.</summary>
public static class DatabaseInitializer
{
    // Any fixed number: many processes starting at once migrate one after the other.
    private const long MigrationLockKey = 0x7472_6561_746D_01;

    public static async Task InitializeAsync(
        TreatmentDbContext db, string workflowsFolder, bool migrate, bool seedDemo, TimeProvider time, ILogger logger, CancellationToken ct,
        Func<TreatmentDbContext, CancellationToken, Task>? seedDemoPetitions = null)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"select pg_advisory_lock({MigrationLockKey})", ct);
            if (migrate)
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                if (pending.Count > 0)
                {
                    logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                    await db.Database.MigrateAsync(ct);
                }
            }

            var catalogue = AffairsCatalogImporter.Load(Path.Combine(workflowsFolder, "standards"));
            foreach (var problem in catalogue.Problems)
            {
                logger.LogWarning("affairs.csv line {Line} ({Code}): {Message}", problem.Line, problem.Code, problem.Message);
            }

            if (seedDemo && !await DemoReferenceData.IsSeededAsync(db, ct))
            {
                logger.LogInformation("Seeding demo data");
                await DemoReferenceData.SeedAsync(db, catalogue, time.GetUtcNow(), ct);
                if (seedDemoPetitions is not null)
                {
                    await seedDemoPetitions(db, ct);
                }
            }
            else
            {
                await DemoReferenceData.SeedCatalogueAsync(db, catalogue, ct);
                await db.SaveChangesAsync(ct);
            }
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"select pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
