using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Persistence;
using Treatment.Core.Persistence.Seeding;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.BackOffice;

/// <summary>Creating, disabling and re-enabling users from the admin page: role and agency scope enforced by the service.</summary>
[Collection(AdminCollection.Name)]
public sealed class AdminUsersTests(TreatmentApp app)
{
    private const string Password = "Clerk!2345";
    private static int _sequence;

    [Fact]
    public async Task Create_AdminInOwnAgency_UserHasTheRoleAndCanSignIn()
    {
        // Arrange
        var (scope, db) = Open();
        var admin = await BackOfficeSession.ActorAsync(db, "jongno.admin");
        var civil = await DepartmentAsync(db, "SEOUL-JONGNO", "CIVIL");
        var userName = NewUserName();

        // Act
        var id = await Service(scope).CreateAsync(admin, new NewUser(userName, "신입민원", Roles.Official, civil.AgencyId, civil.Id, Password), default);
        var session = await BackOfficeSession.SignInAsync(app, userName, Password);

        // Assert
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
        Assert.Equal((userName, "신입민원", civil.AgencyId, (int?)civil.Id, true), (user.UserName, user.DisplayName, user.AgencyId, user.DepartmentId, user.IsActive));
        Assert.Equal([Roles.Official], await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().GetRolesAsync(user));
        Assert.True(session.SignedIn, await session.SignInResponse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/Inbox")).StatusCode);
    }

    [Fact]
    public async Task Create_TownOfficeOfTheAdminsDistrict_IsAllowed()
    {
        // Arrange
        var (scope, db) = Open();
        var admin = await BackOfficeSession.ActorAsync(db, "jongno.admin");
        var town = await DepartmentAsync(db, "SEOUL-JONGNO-SAJIK", "CIVIL");

        // Act
        var id = await Service(scope).CreateAsync(admin, new NewUser(NewUserName(), "사직동", Roles.Official, town.AgencyId, town.Id, Password), default);

        // Assert
        Assert.Equal(town.AgencyId, await db.Users.Where(u => u.Id == id).Select(u => u.AgencyId).SingleAsync());
    }

    [Fact]
    public async Task Create_WeakPassword_ReportsThePolicyOnThePasswordFieldAndCreatesNothing()
    {
        // Arrange
        var (scope, db) = Open();
        var admin = await BackOfficeSession.ActorAsync(db, "jongno.admin");
        var civil = await DepartmentAsync(db, "SEOUL-JONGNO", "CIVIL");
        var userName = NewUserName();

        // Act
        var refused = await Record.ExceptionAsync(() => Service(scope).CreateAsync(admin, new NewUser(userName, "약한비번", Roles.Official, civil.AgencyId, civil.Id, "short"), default));

        // Assert
        var input = Assert.IsType<BackOfficeInputException>(refused);
        Assert.All(input.Errors, e => Assert.Equal("Password", e.Field));
        Assert.Contains(input.Errors, e => e.Message.Ko.Contains("8자 이상", StringComparison.Ordinal));
        Assert.Contains(input.Errors, e => e.Message.Ko.Contains("숫자", StringComparison.Ordinal));
        Assert.False(await db.Users.AnyAsync(u => u.UserName == userName));
    }

    [Fact]
    public async Task Create_DepartmentOfAnotherAgency_IsRejectedOnTheDepartmentField()
    {
        // Arrange
        var (scope, db) = Open();
        var admin = await BackOfficeSession.ActorAsync(db, "jongno.admin");
        var jongno = await DepartmentAsync(db, "SEOUL-JONGNO", "CIVIL");
        var mapo = await DepartmentAsync(db, "SEOUL-MAPO", "CIVIL");

        // Act
        var refused = await Record.ExceptionAsync(() => Service(scope).CreateAsync(admin, new NewUser(NewUserName(), "섞인부서", Roles.Official, jongno.AgencyId, mapo.Id, Password), default));

        // Assert
        var input = Assert.IsType<BackOfficeInputException>(refused);
        Assert.Equal(["DepartmentId"], input.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task Create_AgencyOutsideTheAdminsScope_IsRefused()
    {
        // Arrange
        var (scope, db) = Open();
        var admin = await BackOfficeSession.ActorAsync(db, "jongno.admin");
        var mapo = await DepartmentAsync(db, "SEOUL-MAPO", "CIVIL");
        var userName = NewUserName();

        // Act
        var refused = await Record.ExceptionAsync(() => Service(scope).CreateAsync(admin, new NewUser(userName, "타구청", Roles.Official, mapo.AgencyId, mapo.Id, Password), default));

        // Assert
        Assert.IsType<BackOfficeForbiddenException>(refused);
        Assert.False(await db.Users.AnyAsync(u => u.UserName == userName));
    }

    [Theory]
    [InlineData("jongno.supervisor")]
    [InlineData("jongno.official")]
    [InlineData("mois.analyst")]
    public async Task Create_NotAnAdmin_IsRefusedByTheService(string userName)
    {
        // Arrange
        var (scope, db) = Open();
        var actor = await BackOfficeSession.ActorAsync(db, userName);
        var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == actor.DepartmentId);
        var newName = NewUserName();

        // Act
        var refused = await Record.ExceptionAsync(() => Service(scope).CreateAsync(actor, new NewUser(newName, "권한없음", Roles.Admin, department.AgencyId, department.Id, Password), default));

        // Assert
        Assert.IsType<BackOfficeForbiddenException>(refused);
        Assert.False(await db.Users.AnyAsync(u => u.UserName == newName));
    }

    [Fact]
    public async Task UsersPage_CreatePostedByAnOfficial_IsSentToTheDeniedPage()
    {
        // Arrange
        var session = await BackOfficeSession.SignInAsync(app, "jongno.official", DemoReferenceData.DemoPassword);
        await using var db = app.CreateDbContext();
        var civil = await DepartmentAsync(db, "SEOUL-JONGNO", "CIVIL");
        var newName = NewUserName();

        // Act
        var response = await session.PostAsync("/Inbox", "/Admin/Users?handler=Create", new Dictionary<string, string>
        {
            ["Form.UserName"] = newName,
            ["Form.DisplayName"] = "권한없음",
            ["Form.Role"] = Roles.Admin,
            ["Form.AgencyId"] = civil.AgencyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.DepartmentId"] = civil.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Password"] = Password,
        });

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Denied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.False(await db.Users.AnyAsync(u => u.UserName == newName));
    }

    [Fact]
    public async Task SetActive_Disabled_SignInIsRefusedAndTheOpenSessionEndsUntilReEnabled()
    {
        // Arrange
        var (scope, db) = Open();
        var admin = await BackOfficeSession.ActorAsync(db, "jongno.admin");
        var civil = await DepartmentAsync(db, "SEOUL-JONGNO", "CIVIL");
        var userName = NewUserName();
        var id = await Service(scope).CreateAsync(admin, new NewUser(userName, "중지대상", Roles.Official, civil.AgencyId, civil.Id, Password), default);
        var open = await BackOfficeSession.SignInAsync(app, userName, Password);
        Assert.True(open.SignedIn);

        // Act
        await Service(scope).SetActiveAsync(admin, id, active: false, default);
        var whileDisabled = await BackOfficeSession.SignInAsync(app, userName, Password);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var openSession = await open.Client.GetAsync("/Inbox");
        await Service(scope).SetActiveAsync(admin, id, active: true, default);
        var reEnabled = await BackOfficeSession.SignInAsync(app, userName, Password);

        // Assert
        Assert.False(whileDisabled.SignedIn);
        // The page does not tell a disabled account from a wrong password.
        Assert.Contains("아이디 또는 비밀번호가 올바르지 않습니다", await whileDisabled.SignInResponse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, openSession.StatusCode);
        Assert.Contains("/Account/SignIn", openSession.Headers.Location!.OriginalString);
        Assert.True(reEnabled.SignedIn);
    }

    [Fact]
    public async Task SetActive_UserOfAnotherAgency_IsRefusedAndStaysActive()
    {
        // Arrange
        var (scope, db) = Open();
        var mapoAgency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Code == "SEOUL-MAPO");
        var mapoAdmin = new Actor(Guid.NewGuid(), "마포 관리자", new HashSet<string> { Roles.Admin }, mapoAgency.Id, null);
        var jongnoOfficial = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "jongno.tax");

        // Act
        var refused = await Record.ExceptionAsync(() => Service(scope).SetActiveAsync(mapoAdmin, jongnoOfficial.Id, active: false, default));

        // Assert
        Assert.IsType<BackOfficeForbiddenException>(refused);
        Assert.True(await db.Users.Where(u => u.Id == jongnoOfficial.Id).Select(u => u.IsActive).SingleAsync());
    }

    [Fact]
    public async Task UsersPage_DisablePostedForAUserOfAnotherAgency_Answers403()
    {
        // Arrange
        var session = await BackOfficeSession.SignInAsync(app, "jongno.admin", DemoReferenceData.DemoPassword);
        await using var db = app.CreateDbContext();
        var mapoOfficial = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "mapo.building");

        // Act
        var response = await session.PostAsync("/Admin/Users", "/Admin/Users?handler=Active", new Dictionary<string, string>
        {
            ["userId"] = mapoOfficial.Id.ToString(),
            ["active"] = "false",
        });

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(await db.Users.Where(u => u.Id == mapoOfficial.Id).Select(u => u.IsActive).SingleAsync());
    }

    [Fact]
    public async Task SetActive_OwnAccount_IsRefused()
    {
        // Arrange
        var (scope, db) = Open();
        var admin = await BackOfficeSession.ActorAsync(db, "jongno.admin");

        // Act
        var refused = await Record.ExceptionAsync(() => Service(scope).SetActiveAsync(admin, admin.UserId!.Value, active: false, default));

        // Assert
        Assert.IsType<BackOfficeForbiddenException>(refused);
    }

    [Fact]
    public async Task Users_DistrictAdmin_ListsOwnAgencyAndItsTownOfficesOnly()
    {
        // Arrange
        var (scope, db) = Open();
        var admin = await BackOfficeSession.ActorAsync(db, "jongno.admin");

        // Act
        var rows = await Service(scope).UsersAsync(admin, default);

        // Assert
        Assert.Contains(rows, r => r.UserName == "jongno.tax");
        Assert.Contains(rows, r => r.UserName == "cheongun.official");
        Assert.DoesNotContain(rows, r => r.UserName == "mapo.official");
        Assert.DoesNotContain(rows, r => r.UserName == "seoul.official");
    }

    private (IServiceScope Scope, TreatmentDbContext Db) Open()
    {
        var scope = app.Services.CreateScope();
        return (scope, scope.ServiceProvider.GetRequiredService<TreatmentDbContext>());
    }

    private static UserAdminService Service(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<UserAdminService>();

    private static Task<Department> DepartmentAsync(TreatmentDbContext db, string agencyCode, string departmentCode) =>
        db.Departments.AsNoTracking().SingleAsync(d => d.Agency!.Code == agencyCode && d.Code == departmentCode);

    private static string NewUserName() => $"test.user{Interlocked.Increment(ref _sequence)}";
}
