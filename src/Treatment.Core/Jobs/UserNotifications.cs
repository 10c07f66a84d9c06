using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;

namespace Treatment.Core.Jobs;

/// <summary>A user's in-app notifications: the unread count (served by a partial index), the latest ones, marking read.</summary>
public sealed class UserNotifications(TreatmentDbContext db, TimeProvider time)
{
    public Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken) =>
        db.UserNotifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);

    public Task<List<UserNotification>> LatestAsync(Guid userId, int take, CancellationToken cancellationToken) =>
        db.UserNotifications.AsNoTracking()
            .Where(n => n.UserId == userId)
            .OrderByDescending(n => n.Id)
            .Take(take)
            .ToListAsync(cancellationToken);

    /// <summary>Marks the user's own notifications read; returns how many changed.</summary>
    public Task<int> MarkReadAsync(Guid userId, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.UserNotifications
            .Where(n => n.UserId == userId && n.ReadAt == null && ids.Contains(n.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
