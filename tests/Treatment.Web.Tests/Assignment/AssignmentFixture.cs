using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Agencies;
using Treatment.Core.Assignment;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Assignment;

/// <summary>Assignment tests own their host and database: they set distribution policies and move the clock.</summary>
[CollectionDefinition(Name)]
public sealed class AssignmentCollection : ICollectionFixture<TreatmentApp>
{
    public const string Name = "assignment";
}

/// <summary>Builders for assignment tests: officials in a department, actors, queued petitions, intake through the service.</summary>
internal sealed class AssignmentData(TreatmentApp app)
{
    private static int _sequence = 800_000;

    public (IServiceScope Scope, TreatmentDbContext Db) Open()
    {
        var scope = app.Services.CreateScope();
        return (scope, scope.ServiceProvider.GetRequiredService<TreatmentDbContext>());
    }

    public static T Service<T>(IServiceScope scope)
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>An official (role Official) of the agency's department, created once.</summary>
    public async Task<AppUser> OfficialAsync(string userName, string agencyCode, string departmentCode, string role = Roles.Official)
    {
        var (scope, db) = Open();
        using (scope)
        {
            if (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName) is { } existing)
            {
                return existing;
            }

            var department = await db.Departments.AsNoTracking().Include(d => d.Agency).SingleAsync(d => d.Agency!.Code == agencyCode && d.Code == departmentCode);
            var users = Service<UserManager<AppUser>>(scope);
            var user = new AppUser { UserName = userName, DisplayName = userName, AgencyId = department.AgencyId, DepartmentId = department.Id };
            var created = await users.CreateAsync(user, Treatment.Core.Persistence.Seeding.DemoReferenceData.DemoPassword);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            return user;
        }
    }

    public static async Task<Actor> ActorAsync(TreatmentDbContext db, string userName)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        return new Actor(user.Id, user.DisplayName, roles.ToHashSet(), user.AgencyId, user.DepartmentId);
    }

    public static async Task<Department> DepartmentAsync(TreatmentDbContext db, string agencyCode, string departmentCode) =>
        await db.Departments.Include(d => d.Agency).SingleAsync(d => d.Agency!.Code == agencyCode && d.Code == departmentCode);

    public static async Task SetPolicyAsync(TreatmentDbContext db, string agencyCode, string departmentCode, DistributionPolicy policy, bool byMatch = false)
    {
        var department = await DepartmentAsync(db, agencyCode, departmentCode);
        department.DistributionPolicy = policy;
        department.DistributeByMatch = byMatch;
        await db.SaveChangesAsync();
    }

    /// <summary>A petition received through the petition service from a channel (routing and distribution in one transaction).</summary>
    public static async Task<Petition> ReceiveAsync(IServiceScope scope, string agencyCode, PetitionKind kind = PetitionKind.Other, string? affairCode = null, string title = "배부 확인 민원")
    {
        var channel = new Actor(null, "테스트 채널", new HashSet<string> { PetitionScope.ChannelRole }, null, null);
        var result = await Service<PetitionIntake>(scope).ReceiveAsync(new IntakeRequest
        {
            Kind = kind,
            SubKind = kind == PetitionKind.Inquisitive ? "procedure" : null,
            AffairCode = affairCode,
            AgencyCode = agencyCode,
            Channel = Channel.OnlinePortal,
            Title = title,
            Body = "본문입니다.",
            Petitioner = new PetitionerDetails("홍길동", "010-1234-5678", null, "서울특별시", null),
        }, channel);
        Assert.True(result.IsSuccess, result.Error?.Message.En + " " + string.Join("; ", result.Error?.Fields?.SelectMany(f => f.Value) ?? []));
        return result.Value!.Petition;
    }

    /// <summary>An open, unassigned petition waiting in the department's queue, received the given time before now.</summary>
    public async Task<Petition> QueuedAsync(TreatmentDbContext db, string agencyCode, string departmentCode, TimeSpan? receivedAgo = null, Guid? assignee = null, string title = "대기 민원")
    {
        var department = await DepartmentAsync(db, agencyCode, departmentCode);
        var sequence = Interlocked.Increment(ref _sequence);
        var now = app.Time.GetUtcNow();
        var received = now - (receivedAgo ?? TimeSpan.FromMinutes(10));
        var petition = new Petition
        {
            ReceiptNumber = $"A-{sequence}",
            ReceiptYear = 2025,
            ReceiptSequence = sequence,
            Kind = PetitionKind.Other,
            Channel = Channel.Mail,
            Title = title,
            Body = "본문",
            PetitionerName = "김대기",
            ArrivedAt = received,
            ReceivedAt = received,
            AgencyId = department.AgencyId,
            DepartmentId = department.Id,
            AssigneeId = assignee,
            AssignedAt = assignee is null ? null : now,
            WorkflowId = "other",
            WorkflowVersion = 2,
            State = "received",
            ClockState = ClockState.Running,
            PeriodUnit = PeriodUnit.Days,
            PeriodValue = 7,
            DueAt = now.AddDays(2),
            DueUnit = DueUnit.Days,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        return petition;
    }
}
