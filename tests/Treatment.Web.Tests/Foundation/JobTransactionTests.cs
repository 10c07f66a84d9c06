using System.Transactions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Foundation;

/// <summary>A job enqueued in a request's transaction exists only if that transaction commits (architecture "Persistence").</summary>
[Collection(AppCollection.Name)]
public sealed class JobTransactionTests(TreatmentApp app)
{
    private async Task<(string Marker, long PetitionId)> EnqueueInsideTransactionAsync(bool commit)
    {
        var marker = Guid.NewGuid().ToString("N");
        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
        long petitionId;
        using (var scope = new TransactionScope(TransactionScopeOption.Required, new TransactionOptions { IsolationLevel = IsolationLevel.ReadCommitted }, TransactionScopeAsyncFlowOption.Enabled))
        {
            await using var db = app.CreateDbContext();
            petitionId = (await TestData.CreatePetitionAsync(db, title: marker)).Id;
            jobs.Enqueue(() => MarkerJob.NoOp(marker));
            if (commit)
            {
                scope.Complete();
            }
        }

        return (marker, petitionId);
    }

    private async Task<int> CountJobsWithMarkerAsync(string marker)
    {
        await using var db = app.CreateDbContext();
        return await db.Database.SqlQueryRaw<int>("select count(*)::int as \"Value\" from hangfire.job where arguments::text like {0}", "%" + marker + "%").SingleAsync();
    }

    [Fact]
    public async Task Enqueue_TransactionRolledBack_JobAndRowDoNotExist()
    {
        var (marker, petitionId) = await EnqueueInsideTransactionAsync(commit: false);

        Assert.Equal(0, await CountJobsWithMarkerAsync(marker));
        await using var db = app.CreateDbContext();
        Assert.False(await db.Petitions.AnyAsync(p => p.Id == petitionId));
    }

    [Fact]
    public async Task Enqueue_TransactionCommitted_JobAndRowExist()
    {
        var (marker, petitionId) = await EnqueueInsideTransactionAsync(commit: true);

        Assert.Equal(1, await CountJobsWithMarkerAsync(marker));
        await using var db = app.CreateDbContext();
        Assert.True(await db.Petitions.AnyAsync(p => p.Id == petitionId));
    }
}

/// <summary>A job that does nothing; its argument lets a test find it in the job storage.</summary>
public static class MarkerJob
{
    public static void NoOp(string marker) => _ = marker;
}
