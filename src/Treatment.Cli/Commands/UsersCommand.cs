using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Persistence;

namespace Treatment.Cli.Commands;

/// <summary>
/// `treatment users create|disable|enable|grant|revoke|list` (TREATMENT_DB): back-office accounts, the first admin
/// included, through the same service and checks as /Admin/Users. The password comes from a prompt or standard input.
/// </summary>
public sealed class UsersCommand : ICliCommand
{
    public Command Create(CliConsole console)
    {
        var userName = CliOptions.Value("user-name", "sign-in name (letters, digits and - . _ @ +)");
        var displayName = CliOptions.Value("name", "the person's name as shown on screens and notices");
        var role = CliOptions.Value("role", $"one of {string.Join(", ", Roles.All)}");
        var agency = CliOptions.Value("agency", "agency code (treatment agencies list)");
        var department = CliOptions.Value("department", "department code within the agency");
        var create = new Command("create", "create an active user with one role; the password is read from a prompt or standard input")
        {
            userName, displayName, role, agency, department,
        }.WithAction((parsed, ct) => CreateAsync(console, parsed.Require(userName), parsed.Require(displayName), parsed.Require(role), parsed.Require(agency), parsed.Require(department), ct));

        var listAgency = CliOptions.Value("agency", "only this agency and its town offices");
        var list = new Command("list", "users with their roles, status and open assigned petitions") { listAgency }
            .WithAction((parsed, ct) => ListAsync(console, parsed.GetValue(listAgency), ct));

        return new Command("users", "back-office accounts: users create|disable|enable|grant|revoke|list")
        {
            create,
            StatusCommand("disable", "disable a user: no sign-in, open sessions end, their open petitions go back to their department's queue", active: false, console),
            StatusCommand("enable", "re-enable a disabled user", active: true, console),
            RoleCommand("grant", "grant a role", granted: true, console),
            RoleCommand("revoke", "withdraw a role", granted: false, console),
            list,
        };
    }

    private static Command StatusCommand(string name, string description, bool active, CliConsole console)
    {
        var user = new Argument<string>("user-name") { Description = "the user's sign-in name" };
        return new Command(name, description) { user }.WithAction((parsed, ct) => SetActiveAsync(console, parsed.GetValue(user)!, active, ct));
    }

    private static Command RoleCommand(string name, string description, bool granted, CliConsole console)
    {
        var user = new Argument<string>("user-name") { Description = "the user's sign-in name" };
        var role = new Argument<string>("role") { Description = string.Join(", ", Roles.All) };
        return new Command(name, description) { user, role }.WithAction((parsed, ct) => SetRoleAsync(console, parsed.GetValue(user)!, parsed.GetValue(role)!, granted, ct));
    }

    private static async Task<int> CreateAsync(CliConsole console, string userName, string displayName, string role, string agencyCode, string departmentCode, CancellationToken ct)
    {
        if (!Roles.All.Contains(role))
        {
            throw new CliUsageException($"--role '{role}' is not one of {string.Join(", ", Roles.All)}");
        }

        var password = OperatorConsole.ReadPassword(console);
        if (Treatment.Core.Persistence.Seeding.DemoCredentials.IsDemoPassword(password))
        {
            throw new CliUsageException("that is the published demo password: choose another");
        }

        await using var session = await DatabaseSession.OpenAsync(null, ct);
        await using var scope = session.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var agency = await OperatorConsole.AgencyAsync(db, agencyCode, ct);
        var department = agency.Departments.FirstOrDefault(d => d.Code == departmentCode.Trim().ToUpperInvariant())
            ?? throw new CliFailureException($"no department '{departmentCode}' in {agency.Code} ({string.Join(", ", agency.Departments.Select(d => d.Code))})");
        await scope.ServiceProvider.GetRequiredService<OrganisationSetup>().EnsureRolesAsync(ct);
        var id = await OperatorConsole.Checked(() => scope.ServiceProvider.GetRequiredService<UserAdminService>().CreateAsync(
            OperatorConsole.AdminOf(agency.Id), new NewUser(userName, displayName, role, agency.Id, department.Id, password), ct));
        console.Out.WriteLine($"created {userName.Trim()} ({role}) in {agency.Code} {department.Code}: {id}");
        return 0;
    }

    private static async Task<int> SetActiveAsync(CliConsole console, string userName, bool active, CancellationToken ct)
    {
        await using var session = await DatabaseSession.OpenAsync(null, ct);
        await using var scope = session.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var user = await OperatorConsole.UserAsync(db, userName, ct);
        var actor = OperatorConsole.AdminOf(user.AgencyId);
        var handedBack = active ? 0 : await db.Petitions.CountAsync(p => p.IsOpen && p.AssigneeId == user.Id, ct);
        // Disabling returns the user's open petitions to the queue (or the substitute) in the same transaction.
        await OperatorConsole.Checked(() => scope.ServiceProvider.GetRequiredService<UserAdminService>().SetActiveAsync(actor, user.Id, active, ct));
        console.Out.WriteLine(active
            ? $"enabled {user.UserName}"
            : $"disabled {user.UserName}; {handedBack} open petition(s) back in their department's queue");
        return 0;
    }

    private static async Task<int> SetRoleAsync(CliConsole console, string userName, string role, bool granted, CancellationToken ct)
    {
        if (!Roles.All.Contains(role))
        {
            throw new CliUsageException($"'{role}' is not one of {string.Join(", ", Roles.All)}");
        }

        await using var session = await DatabaseSession.OpenAsync(null, ct);
        await using var scope = session.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var user = await OperatorConsole.UserAsync(db, userName, ct);
        await scope.ServiceProvider.GetRequiredService<OrganisationSetup>().EnsureRolesAsync(ct);
        await OperatorConsole.Checked(async () =>
        {
            await scope.ServiceProvider.GetRequiredService<UserAdminService>().SetRoleAsync(OperatorConsole.AdminOf(user.AgencyId), user.Id, role, granted, ct);
            return 0;
        });
        console.Out.WriteLine($"{(granted ? "granted" : "withdrew")} {role} {(granted ? "to" : "from")} {user.UserName}");
        return 0;
    }

    private static async Task<int> ListAsync(CliConsole console, string? agencyCode, CancellationToken ct)
    {
        await using var session = await DatabaseSession.OpenAsync(null, ct);
        await using var scope = session.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<UserAdminService>();
        var agencies = agencyCode is null
            ? db.Agencies.Where(a => a.Level != AgencyLevel.Town).Select(a => a.Id).ToList()
            : [(await OperatorConsole.AgencyAsync(db, agencyCode, ct)).Id];
        foreach (var agencyId in agencies)
        {
            foreach (var u in await service.UsersAsync(OperatorConsole.AdminOf(agencyId), ct))
            {
                console.Out.WriteLine(string.Join('\t', u.UserName, u.DisplayName, string.Join(',', u.Roles), u.AgencyKo, u.DepartmentKo ?? "-",
                    u.Active ? "active" : "disabled", $"{u.OpenAssigned} open"));
            }
        }

        return 0;
    }
}
