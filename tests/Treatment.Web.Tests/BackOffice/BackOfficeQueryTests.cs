using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.BackOffice;

/// <summary>The back office's Core queries against PostgreSQL: scope by role, agency and department; paging; search.</summary>
[Collection(AppCollection.Name)]
public sealed class BackOfficeQueryTests(TreatmentApp app)
{
    private static int _sequence = 700_000;

    [Fact]
    public async Task InboxGet_MineScope_ReturnsOnlyPetitionsAssignedToTheOfficial()
    {
        // Arrange
        var (scope, db) = Open();
        var mine = await PetitionAsync(db, "jongno.official", "내 민원 확인용", "가나다", 2);
        var colleagues = await PetitionAsync(db, "jongno.building", "건축과 민원 확인용", "라마바", 1);
        var actor = await ActorAsync(db, "jongno.official");

        // Act
        var page = await Service<InboxService>(scope).GetAsync(actor, new InboxQuery { PageSize = 200 }, default);

        // Assert
        Assert.Contains(page.Items, i => i.Row.Id == mine.Id);
        Assert.DoesNotContain(page.Items, i => i.Row.Id == colleagues.Id);
    }

    [Fact]
    public async Task InboxGet_VisibleScope_OfficialSeesOwnDepartmentButNotAnother()
    {
        // Arrange
        var (scope, db) = Open();
        var sameDepartment = await PetitionAsync(db, "jongno.official", "같은 부서 확인", "사아자", 3);
        var otherDepartment = await PetitionAsync(db, "jongno.tax", "세무과 확인", "차카타", 3);
        var actor = await ActorAsync(db, "jongno.official");

        // Act
        var page = await Service<InboxService>(scope).GetAsync(actor, new InboxQuery { Scope = InboxScope.Visible, Search = "확인", PageSize = 200 }, default);

        // Assert
        Assert.Contains(page.Items, i => i.Row.Id == sameDepartment.Id);
        Assert.DoesNotContain(page.Items, i => i.Row.Id == otherDepartment.Id);
    }

    [Fact]
    public async Task InboxGet_PageSizeTwo_KeysetCursorReturnsTheRestInDueOrder()
    {
        // Arrange
        var (scope, db) = Open();
        var actor = await ActorAsync(db, "seoul.official");
        var first = await PetitionAsync(db, "seoul.official", "페이지 1", "일일일", 1);
        var second = await PetitionAsync(db, "seoul.official", "페이지 2", "이이이", 2);
        var third = await PetitionAsync(db, "seoul.official", "페이지 3", "삼삼삼", 3);
        var inbox = Service<InboxService>(scope);

        // Act
        var page1 = await inbox.GetAsync(actor, new InboxQuery { PageSize = 2 }, default);
        var page2 = await inbox.GetAsync(actor, new InboxQuery { PageSize = 2, After = InboxCursor.Parse(page1.Next!.ToString()) }, default);

        // Assert
        Assert.Equal([first.Id, second.Id], page1.Items.Select(i => i.Row.Id));
        Assert.Equal([third.Id], page2.Items.Select(i => i.Row.Id));
        Assert.Null(page2.Next);
    }

    [Fact]
    public async Task InboxGet_SearchWithLikeWildcard_MatchesTheCharacterLiterally()
    {
        // Arrange
        var (scope, db) = Open();
        var actor = await ActorAsync(db, "mapo.official");
        var literal = await PetitionAsync(db, "mapo.official", "요금 50% 감면 문의", "차은우", 4);
        var other = await PetitionAsync(db, "mapo.official", "요금 50 감면 문의", "차은비", 4);

        // Act
        var page = await Service<InboxService>(scope).GetAsync(actor, new InboxQuery { Search = "50%" }, default);

        // Assert
        Assert.Contains(page.Items, i => i.Row.Id == literal.Id);
        Assert.DoesNotContain(page.Items, i => i.Row.Id == other.Id);
        Assert.All(page.Items, i => Assert.DoesNotContain("은", i.PetitionerMasked[1..^1]));
    }

    [Fact]
    public async Task OverdueGet_SupervisorOfAnotherAgency_SeesNoneOfThisAgencysPetitions()
    {
        // Arrange
        var (scope, db) = Open();
        var overdue = await PetitionAsync(db, "jongno.official", "기한 경과 확인", "파하가", -1);
        var service = Service<SupervisorService>(scope);

        // Act
        var own = await service.OverdueAsync(await ActorAsync(db, "jongno.supervisor"), null, default);
        var foreign = await service.OverdueAsync(await ActorAsync(db, "mapo.supervisor"), null, default);

        // Assert
        Assert.Contains(own, w => w.Id == overdue.Id && w.Badge.Level == DueLevel.Overdue);
        Assert.DoesNotContain(foreign, w => w.Id == overdue.Id);
    }

    [Fact]
    public async Task OverviewGet_SupervisorsDepartment_CountsOverduePerOfficial()
    {
        // Arrange
        var (scope, db) = Open();
        var service = Service<SupervisorService>(scope);
        var supervisor = await ActorAsync(db, "jongno.supervisor");
        var before = await service.OverviewAsync(supervisor, null, default);
        await PetitionAsync(db, "jongno.official", "현황 기한 경과", "하나둘", -2);
        await PetitionAsync(db, "jongno.official", "현황 진행", "셋넷다", 20);

        // Act
        var after = await service.OverviewAsync(supervisor, null, default);

        // Assert
        Assert.Equal(before.Open + 2, after.Open);
        Assert.Equal(before.Overdue + 1, after.Overdue);
        Assert.Equal(
            before.PerOfficial.Where(l => l.Name == "김민원").Sum(l => l.Overdue) + 1,
            after.PerOfficial.Where(l => l.Name == "김민원").Sum(l => l.Overdue));
    }

    [Fact]
    public async Task OverviewGet_Official_IsRefused()
    {
        // Arrange
        var (scope, db) = Open();
        var official = await ActorAsync(db, "jongno.official");

        // Act
        var refused = await Record.ExceptionAsync(() => Service<SupervisorService>(scope).OverviewAsync(official, null, default));

        // Assert
        Assert.IsType<BackOfficeForbiddenException>(refused);
    }

    [Fact]
    public async Task PetitionPageGet_AnalystOfTheSameAgency_ReadsAsAbsent()
    {
        // Arrange
        var (scope, db) = Open();
        var petition = await PetitionAsync(db, "jongno.official", "분석가 범위 확인", "거너더", 2);
        var analyst = new Actor(Guid.NewGuid(), "분석", new HashSet<string> { Roles.Analyst }, petition.AgencyId, null);

        // Act
        var view = await Service<PetitionPageService>(scope).GetAsync(analyst, petition.Id, default);

        // Assert
        Assert.Null(view);
    }

    [Fact]
    public async Task InboxGet_ShortReadPoolUnreachable_SearchAnswersFromTheRequestContext_PlainPageNeedsThePool()
    {
        // Arrange: the short-read context points at a port nothing listens on, so any read through it fails.
        var (scope, db) = Open();
        var actor = await ActorAsync(db, "mapo.official");
        var petition = await PetitionAsync(db, "mapo.official", "짧은 읽기 풀 분리 확인", "남궁민", 5);
        await using var unreachable = TreatmentDatabase.CreateInboxReadDataSource("Host=127.0.0.1;Port=1;Database=none;Timeout=2", connections: 1);
        var options = new DbContextOptionsBuilder<TreatmentDbContext>();
        TreatmentDatabase.ConfigureInboxReads(options, unreachable);
        await using var shortReads = new TreatmentDbContext(options.UseModel(db.Model).Options);
        var inbox = new InboxService(db, Service<Core.Workflows.WorkflowCatalog>(scope), Service<DueBadges>(scope), app.Time, shortReads);

        // Act
        var searched = await inbox.GetAsync(actor, new InboxQuery { Search = "짧은 읽기" }, default);
        var plain = await Record.ExceptionAsync(() => inbox.GetAsync(actor, new InboxQuery(), default));

        // Assert
        Assert.Contains(searched.Items, i => i.Row.Id == petition.Id);
        // The execution strategy wraps the connection failure it gave up on.
        Assert.IsAssignableFrom<Npgsql.NpgsqlException>(plain?.InnerException ?? plain);
    }

    [Fact]
    public void InboxReadContext_OfARequestScope_IsItsOwnContextOnThePoolOfTheProcessorCount()
    {
        // Arrange
        var (scope, db) = Open();

        // Act
        var shortReads = scope.ServiceProvider.GetRequiredKeyedService<TreatmentDbContext>(Web.Hosting.InboxReadContexts.ServiceKey);

        // Assert
        Assert.NotSame(db, shortReads);
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(shortReads.Database.GetDbConnection().ConnectionString);
        Assert.Equal(Environment.ProcessorCount, settings.MaxPoolSize);
        Assert.NotEqual(Environment.ProcessorCount, new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetDbConnection().ConnectionString).MaxPoolSize);
    }

    private (IServiceScope Scope, TreatmentDbContext Db) Open()
    {
        var scope = app.Services.CreateScope();
        return (scope, scope.ServiceProvider.GetRequiredService<TreatmentDbContext>());
    }

    private static T Service<T>(IServiceScope scope)
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    private static async Task<Actor> ActorAsync(TreatmentDbContext db, string userName)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        return new Actor(user.Id, user.DisplayName, roles.ToHashSet(), user.AgencyId, user.DepartmentId);
    }

    /// <summary>An open petition assigned to the user, due the given number of days after the test clock's now.</summary>
    private async Task<Petition> PetitionAsync(TreatmentDbContext db, string assignee, string title, string petitionerName, int dueInDays)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == assignee);
        var sequence = Interlocked.Increment(ref _sequence);
        var now = app.Time.GetUtcNow();
        var petition = new Petition
        {
            ReceiptNumber = $"Q-{sequence}",
            ReceiptYear = 2025,
            ReceiptSequence = sequence,
            Kind = PetitionKind.Other,
            Channel = Channel.Mail,
            Title = title,
            Body = "본문",
            PetitionerName = petitionerName,
            ArrivedAt = now.AddDays(-3),
            ReceivedAt = now.AddDays(-3),
            AgencyId = user.AgencyId,
            DepartmentId = user.DepartmentId,
            AssigneeId = user.Id,
            WorkflowId = "other",
            WorkflowVersion = 2,
            State = "received",
            ClockState = ClockState.Running,
            PeriodUnit = PeriodUnit.Days,
            PeriodValue = 7,
            DueAt = now.AddDays(dueInDays),
            DueUnit = DueUnit.Days,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        return petition;
    }
}
