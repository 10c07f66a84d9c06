using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;

namespace Treatment.Core.Agencies;

/// <summary>
/// The operator's first steps on an empty database (`treatment agencies`): agencies, their departments and the roles,
/// which a production start does not create (only the demo seed does).
/// </summary>
public sealed class OrganisationSetup(TreatmentDbContext db, RoleManager<IdentityRole<Guid>> roles)
{
    public async Task<Agency> AddAgencyAsync(string code, string nameKo, string nameEn, AgencyLevel level, string? parentCode, CancellationToken ct)
    {
        code = code.Trim().ToUpperInvariant();
        if (code.Length is 0 or > 40 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException("an agency code has 1 to 40 letters, digits or hyphens (e.g. SEOUL-JONGNO)");
        }

        if (await db.Agencies.AnyAsync(a => a.Code == code, ct))
        {
            throw new ArgumentException($"agency {code} exists already");
        }

        int? parentId = null;
        if (parentCode is not null)
        {
            parentId = await db.Agencies.Where(a => a.Code == parentCode).Select(a => (int?)a.Id).SingleOrDefaultAsync(ct)
                ?? throw new ArgumentException($"no agency {parentCode}");
        }

        var agency = new Agency { Code = code, NameKo = Name(nameKo, "--name-ko"), NameEn = Name(nameEn, "--name-en"), Level = level, ParentId = parentId };
        db.Agencies.Add(agency);
        await db.SaveChangesAsync(ct);
        await EnsureRolesAsync(ct);
        return agency;
    }

    /// <summary>A department; the first one marked as petitions office receives petitions that have no competent department yet.</summary>
    public async Task<Department> AddDepartmentAsync(string agencyCode, string code, string nameKo, string nameEn, bool petitionsOffice, string? phone, CancellationToken ct)
    {
        var agency = await db.Agencies.Include(a => a.Departments).SingleOrDefaultAsync(a => a.Code == agencyCode, ct)
            ?? throw new ArgumentException($"no agency {agencyCode}");
        code = code.Trim().ToUpperInvariant();
        if (code.Length is 0 or > 40 || agency.Departments.Any(d => d.Code == code))
        {
            throw new ArgumentException($"department code '{code}' is empty, too long or taken in {agencyCode}");
        }

        if (petitionsOffice && agency.Departments.Any(d => d.IsPetitionsOffice))
        {
            throw new ArgumentException($"{agencyCode} has a petitions office already");
        }

        var department = new Department { Code = code, NameKo = Name(nameKo, "--name-ko"), NameEn = Name(nameEn, "--name-en"), IsPetitionsOffice = petitionsOffice, Phone = phone?.Trim() };
        agency.Departments.Add(department);
        await db.SaveChangesAsync(ct);
        return department;
    }

    /// <summary>Creates the back-office roles that are missing (idempotent).</summary>
    public async Task EnsureRolesAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.NewGuid() });
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
                }
            }
        }

        ct.ThrowIfCancellationRequested();
    }

    private static string Name(string value, string option) =>
        value.Trim() is { Length: > 0 and <= 100 } trimmed ? trimmed : throw new ArgumentException($"{option} must have 1 to 100 characters");
}
