using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Treatment.Core.Agencies;
using Treatment.Core.Assignment;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Security;
using Treatment.Core.Workflows;

namespace Treatment.Core.BackOffice;

/// <summary>The officials' inbox: open petitions sorted by due, filtered, searched and paged by keyset.</summary>
/// <param name="db">The request's context: filtered and searched reads, whose cost depends on the filter.</param>
/// <param name="shortReads">
/// A context on a connection pool of few connections (the host's inbox read pool), for the reads every inbox load makes
/// and whose cost the partial index bounds: the plain pages and the unread count. A burst of inbox loads then queues
/// in the process rather than crowding the database server's cores; a slow search never holds one of its connections.
/// Without it, every read uses <paramref name="db"/>.
/// </param>
public sealed class InboxService(TreatmentDbContext db, WorkflowCatalog catalog, DueBadges badges, TimeProvider time, TreatmentDbContext? shortReads = null)
{
    private readonly TreatmentDbContext _shortReads = shortReads ?? db;

    // The hot path (architecture "Persistence": compiled no-tracking reads over the partial inbox index). A compiled
    // query binds to the first model it runs with, so each model (one per host or context configuration) gets its own.
    private static readonly ConditionalWeakTable<IModel, CompiledQueries> ByModel = new();

    private IReadOnlyList<StateOption>? _stateOptions;

    private CompiledQueries Compiled => ByModel.GetValue(db.Model, _ => new CompiledQueries());

    /// <summary>One page of the inbox for the actor, with the unread notification count.</summary>
    public async Task<InboxPage> GetAsync(Actor actor, InboxQuery query, CancellationToken ct)
    {
        actor.Require(Roles.Official, Roles.Supervisor, Roles.Examiner, Roles.Admin);
        var me = actor.UserId!.Value;
        var take = Math.Clamp(query.PageSize, 1, 200);
        var rows = await ReadRowsAsync(actor, me, query, take + 1, ct);
        var next = rows.Count > take ? new InboxCursor(rows[take - 1].DueAt, rows[take - 1].Id) : null;
        var now = time.GetUtcNow();
        var items = rows.Take(take).Select(r => ToItem(r, now)).ToList();
        // A filtered load stays on the request's context throughout, so it never waits for the short-read pool.
        return new InboxPage(items, next, await Compiled.UnreadCount(query.IsPlainMine || query.IsPlainQueue ? _shortReads : db, me));
    }

    /// <summary>Rows only (what the bench measures): the plain inbox of one assignee, first page.</summary>
    public async Task<List<InboxRow>> ReadMineAsync(Guid assignee, int take, CancellationToken ct)
    {
        var rows = new List<InboxRow>(take);
        await foreach (var row in Compiled.MineFirstPage(_shortReads, assignee, take).WithCancellation(ct))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Rows only (what the bench measures): a department's queue, first page.</summary>
    public async Task<List<InboxRow>> ReadQueueAsync(int departmentId, int take, CancellationToken ct)
    {
        var rows = new List<InboxRow>(take);
        await foreach (var row in Compiled.QueueFirstPage(_shortReads, departmentId, take).WithCancellation(ct))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The choices of the state filter: every state of the workflow definitions, titled from the files.</summary>
    public IReadOnlyList<StateOption> StateOptions() => _stateOptions ??= BackOffice.StateOptions.From(catalog.All);

    public Task<int> UnreadNotificationsAsync(Actor actor) =>
        actor.UserId is { } me ? Compiled.UnreadCount(_shortReads, me) : Task.FromResult(0);

    private async Task<List<InboxRow>> ReadRowsAsync(Actor actor, Guid me, InboxQuery query, int take, CancellationToken ct)
    {
        if (query.IsPlainMine)
        {
            if (query.After is null)
            {
                return await ReadMineAsync(me, take, ct);
            }

            var rows = new List<InboxRow>(take);
            if (query.After.DueAt is { } due)
            {
                await foreach (var row in Compiled.MineAfter(_shortReads, me, due, query.After.Id, take).WithCancellation(ct))
                {
                    rows.Add(row);
                }
            }

            if (rows.Count < take)
            {
                // Rows without a due sort last; page through them by id.
                var afterId = query.After.DueAt is null ? query.After.Id : 0;
                rows.AddRange(await Project(db.Petitions.AsNoTracking()
                        .Where(p => p.IsOpen && p.AssigneeId == me && p.DueAt == null && p.Id > afterId)
                        .OrderBy(p => p.Id).Take(take - rows.Count))
                    .ToListAsync(ct));
            }

            return rows;
        }

        // The queue's first page (the tab's default load) reads the queue index directly; later pages and filters go the general way.
        if (query.IsPlainQueue && query.After is null && actor.DepartmentId is { } department && actor.WorksQueueOf(actor.AgencyId ?? 0, department))
        {
            return await ReadQueueAsync(department, take, ct);
        }

        return await ReadFilteredAsync(actor, me, query, take, ct);
    }

    private async Task<List<InboxRow>> ReadFilteredAsync(Actor actor, Guid me, InboxQuery query, int take, CancellationToken ct)
    {
        var petitions = db.Petitions.AsNoTracking().InBackOfficeScope(actor);
        petitions = query.Scope switch
        {
            InboxScope.Mine => petitions.Where(p => p.AssigneeId == me),
            InboxScope.Queue => InboxTabs.QueueOf(petitions, actor),
            InboxScope.AtRisk => InboxTabs.AtRiskOf(petitions, actor, badges.AtRiskBoundary(time.GetUtcNow())),
            _ => petitions,
        };

        var search = query.Search?.Trim();
        if (string.IsNullOrEmpty(search))
        {
            petitions = petitions.Where(p => p.IsOpen);
        }
        else
        {
            // Searching reaches closed petitions too; names and titles go through the pg_trgm GIN indexes.
            var pattern = "%" + EscapeLike(search) + "%";
            petitions = search.Any(char.IsAsciiDigit)
                ? petitions.Where(p => EF.Functions.ILike(p.ReceiptNumber, pattern, "\\") || EF.Functions.ILike(p.PetitionerName, pattern, "\\") || EF.Functions.ILike(p.Title, pattern, "\\"))
                : petitions.Where(p => EF.Functions.ILike(p.PetitionerName, pattern, "\\") || EF.Functions.ILike(p.Title, pattern, "\\"));
        }

        if (query.Kind is { } kind)
        {
            petitions = petitions.Where(p => p.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(query.State))
        {
            petitions = petitions.Where(p => p.State == query.State);
        }

        if (query.Channel is { } channel)
        {
            petitions = petitions.Where(p => p.Channel == channel);
        }

        var now = time.GetUtcNow();
        if (query.OverdueOnly)
        {
            petitions = petitions.Where(p => p.ClockState == ClockState.Running && p.DueAt < now);
        }

        if (query.DueBefore is { } dueBefore)
        {
            var limit = new DateTimeOffset(dueBefore.AddDays(1).ToDateTime(TimeOnly.MinValue), Clock.DeadlineCalculator.KstOffset).ToUniversalTime();
            petitions = petitions.Where(p => p.DueAt < limit);
        }

        var rows = new List<InboxRow>(take);
        if (query.After is not { DueAt: null })
        {
            var withDue = petitions.Where(p => p.DueAt != null);
            if (query.After is { DueAt: { } due, Id: var id })
            {
                withDue = withDue.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.DueAt, p.Id), ValueTuple.Create((DateTimeOffset?)due, id)));
            }

            rows.AddRange(await Project(withDue.OrderBy(p => p.DueAt).ThenBy(p => p.Id).Take(take)).ToListAsync(ct));
        }

        if (rows.Count < take)
        {
            var afterId = query.After is { DueAt: null } a ? a.Id : 0;
            rows.AddRange(await Project(petitions.Where(p => p.DueAt == null && p.Id > afterId).OrderBy(p => p.Id).Take(take - rows.Count)).ToListAsync(ct));
        }

        return rows;
    }

    private InboxItem ToItem(InboxRow row, DateTimeOffset now)
    {
        var state = catalog.TryGet(row.WorkflowId, row.WorkflowVersion)?.FindState(row.State)?.Title;
        return new InboxItem(row, PersonalDataProtector.MaskName(row.PetitionerName), state?.Ko ?? row.State, state?.En ?? row.State,
            badges.For(row.DueAt, row.DueUnit, row.ClockState, now));
    }

    private static IQueryable<InboxRow> Project(IQueryable<Petition> petitions) =>
        petitions.Select(p => new InboxRow(p.Id, p.ReceiptNumber, p.Kind, p.Channel, p.Title, p.PetitionerName, p.WorkflowId,
            p.WorkflowVersion, p.State, p.ClockState, p.DueAt, p.DueUnit));

    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private sealed class CompiledQueries
    {
        public readonly Func<TreatmentDbContext, Guid, int, IAsyncEnumerable<InboxRow>> MineFirstPage =
            EF.CompileAsyncQuery((TreatmentDbContext db, Guid me, int take) =>
                db.Petitions.AsNoTracking()
                    .Where(p => p.IsOpen && p.AssigneeId == me)
                    .OrderBy(p => p.DueAt).ThenBy(p => p.Id)
                    .Take(take)
                    .Select(p => new InboxRow(p.Id, p.ReceiptNumber, p.Kind, p.Channel, p.Title, p.PetitionerName, p.WorkflowId,
                        p.WorkflowVersion, p.State, p.ClockState, p.DueAt, p.DueUnit)));

        public readonly Func<TreatmentDbContext, Guid, DateTimeOffset, long, int, IAsyncEnumerable<InboxRow>> MineAfter =
            EF.CompileAsyncQuery((TreatmentDbContext db, Guid me, DateTimeOffset due, long id, int take) =>
                db.Petitions.AsNoTracking()
                    .Where(p => p.IsOpen && p.AssigneeId == me && EF.Functions.GreaterThan(ValueTuple.Create(p.DueAt, p.Id), ValueTuple.Create((DateTimeOffset?)due, id)))
                    .OrderBy(p => p.DueAt).ThenBy(p => p.Id)
                    .Take(take)
                    .Select(p => new InboxRow(p.Id, p.ReceiptNumber, p.Kind, p.Channel, p.Title, p.PetitionerName, p.WorkflowId,
                        p.WorkflowVersion, p.State, p.ClockState, p.DueAt, p.DueUnit)));

        public readonly Func<TreatmentDbContext, int, int, IAsyncEnumerable<InboxRow>> QueueFirstPage =
            EF.CompileAsyncQuery((TreatmentDbContext db, int department, int take) =>
                db.Petitions.AsNoTracking()
                    .Where(p => p.IsOpen && p.AssigneeId == null && p.DepartmentId == department)
                    .OrderBy(p => p.DueAt).ThenBy(p => p.Id)
                    .Take(take)
                    .Select(p => new InboxRow(p.Id, p.ReceiptNumber, p.Kind, p.Channel, p.Title, p.PetitionerName, p.WorkflowId,
                        p.WorkflowVersion, p.State, p.ClockState, p.DueAt, p.DueUnit)));

        public readonly Func<TreatmentDbContext, Guid, Task<int>> UnreadCount =
            EF.CompileAsyncQuery((TreatmentDbContext db, Guid me) => db.UserNotifications.Count(n => n.UserId == me && n.ReadAt == null));
    }
}
