using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Agencies;
using Treatment.Core.Persistence;

namespace Treatment.Cli.Commands;

/// <summary>`treatment agencies add|add-department|list` (TREATMENT_DB): the organisation on an empty database.</summary>
public sealed class AgenciesCommand : ICliCommand
{
    public Command Create(CliConsole console)
    {
        var code = new Argument<string>("code") { Description = "stable code used in receipt numbers and the API, e.g. SEOUL-JONGNO" };
        var nameKo = CliOptions.Value("name-ko", "Korean name");
        var nameEn = CliOptions.Value("name-en", "English name");
        var level = CliOptions.Value("level", "central, metropolitan, local, town or public-institution");
        var parent = CliOptions.Value("parent", "code of the supervising agency");
        var add = new Command("add", "add an agency") { code, nameKo, nameEn, level, parent }.WithAction(async (parsed, ct) =>
        {
            var levelText = parsed.Require(level).Replace("-", "", StringComparison.Ordinal);
            if (!Enum.TryParse<AgencyLevel>(levelText, ignoreCase: true, out var agencyLevel))
            {
                throw new CliUsageException($"--level '{parsed.GetValue(level)}' is not central, metropolitan, local, town or public-institution");
            }

            var (ko, en) = (parsed.Require(nameKo), parsed.Require(nameEn));
            return await WithSetupAsync(async (setup, ct2) =>
            {
                var agency = await setup.AddAgencyAsync(parsed.GetValue(code)!, ko, en, agencyLevel, parsed.GetValue(parent), ct2);
                console.Out.WriteLine($"added agency {agency.Code} {agency.NameKo}");
            }, ct);
        });

        var agencyCode = new Argument<string>("agency") { Description = "agency code" };
        var departmentCode = new Argument<string>("code") { Description = "department code, e.g. CIVIL" };
        var departmentKo = CliOptions.Value("name-ko", "Korean name");
        var departmentEn = CliOptions.Value("name-en", "English name");
        var office = CliOptions.Flag("petitions-office", "the 민원실 that receives petitions without a competent department (one per agency)");
        var phone = CliOptions.Value("phone", "contact phone named on notices");
        var addDepartment = new Command("add-department", "add a department to an agency") { agencyCode, departmentCode, departmentKo, departmentEn, office, phone }
            .WithAction(async (parsed, ct) =>
            {
                var (ko, en) = (parsed.Require(departmentKo), parsed.Require(departmentEn));
                return await WithSetupAsync(async (setup, ct2) =>
                {
                    var department = await setup.AddDepartmentAsync(parsed.GetValue(agencyCode)!, parsed.GetValue(departmentCode)!, ko, en, parsed.GetValue(office), parsed.GetValue(phone), ct2);
                    console.Out.WriteLine($"added department {parsed.GetValue(agencyCode)} {department.Code} {department.NameKo}{(department.IsPetitionsOffice ? " (petitions office)" : "")}");
                }, ct);
            });

        var list = new Command("list", "agencies and their departments").WithAction(async (_, ct) =>
        {
            await using var session = await DatabaseSession.OpenAsync(null, ct);
            await using var scope = session.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TreatmentDbContext>();
            foreach (var a in await db.Agencies.AsNoTracking().Include(a => a.Departments).Include(a => a.Parent).OrderBy(a => a.Code).ToListAsync(ct))
            {
                console.Out.WriteLine($"{a.Code}\t{a.NameKo}\t{a.Level}\t{a.Parent?.Code ?? "-"}\t{string.Join(',', a.Departments.OrderBy(d => d.Code).Select(d => d.IsPetitionsOffice ? d.Code + "*" : d.Code))}");
            }

            return 0;
        });

        return new Command("agencies", "the organisation: agencies add|add-department|list") { add, addDepartment, list };
    }

    private static async Task<int> WithSetupAsync(Func<OrganisationSetup, CancellationToken, Task> action, CancellationToken ct)
    {
        await using var session = await DatabaseSession.OpenAsync(null, ct);
        await using var scope = session.CreateScope();
        await OperatorConsole.Checked(async () =>
        {
            await action(scope.ServiceProvider.GetRequiredService<OrganisationSetup>(), ct);
            return 0;
        });
        return 0;
    }
}
