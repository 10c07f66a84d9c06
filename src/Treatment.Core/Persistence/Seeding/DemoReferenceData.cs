using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Channels;
using Treatment.Core.Petitions;

namespace Treatment.Core.Persistence.Seeding;

/// <summary>
/// The demo organisation: a ministry, a metropolitan city, two district offices with town offices, their departments,
/// officials in every role and a channel key. Only for demo and test databases; a production start creates none of it.
/// </summary>
public static class DemoReferenceData
{
    /// <summary>Password of every demo account (documented in the README).</summary>
    public const string DemoPassword = "Demo!2345";

    /// <summary>The demo portal's channel key (printed by scripts/run).</summary>
    public const string DemoChannelKey = "trt_demo_portal_4f1c2a7b9e3d5c6a8b0f1e2d";

    public sealed record DemoAccount(string UserName, string DisplayName, string Role, string AgencyCode, string? DepartmentCode);

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("jongno.official", "김민원", Roles.Official, "SEOUL-JONGNO", "CIVIL"),
        new("jongno.building", "이건축", Roles.Official, "SEOUL-JONGNO", "BUILDING"),
        new("jongno.tax", "박세무", Roles.Official, "SEOUL-JONGNO", "TAX"),
        new("jongno.supervisor", "최과장", Roles.Supervisor, "SEOUL-JONGNO", "CIVIL"),
        new("jongno.examiner", "정심사", Roles.Examiner, "SEOUL-JONGNO", "AUDIT"),
        new("jongno.admin", "한관리", Roles.Admin, "SEOUL-JONGNO", "CIVIL"),
        new("cheongun.official", "윤동민", Roles.Official, "SEOUL-JONGNO-CHEONGUN", "CIVIL"),
        new("mapo.official", "강접수", Roles.Official, "SEOUL-MAPO", "CIVIL"),
        new("mapo.building", "조허가", Roles.Official, "SEOUL-MAPO", "BUILDING"),
        new("mapo.supervisor", "서팀장", Roles.Supervisor, "SEOUL-MAPO", "CIVIL"),
        new("mapo.examiner", "임감사", Roles.Examiner, "SEOUL-MAPO", "AUDIT"),
        new("seoul.official", "오시민", Roles.Official, "SEOUL", "CIVIL"),
        new("seoul.supervisor", "신국장", Roles.Supervisor, "SEOUL", "CIVIL"),
        new("mois.analyst", "문분석", Roles.Analyst, "MOIS", "INNOVATION"),
        new("mois.admin", "권운영", Roles.Admin, "MOIS", "INNOVATION"),
    ];

    private sealed record DemoAgency(string Code, string NameKo, string NameEn, AgencyLevel Level, string? Parent, (string Code, string Ko, string En, bool Office)[] Departments);

    private static readonly (string Code, string Ko, string En, bool Office)[] DistrictDepartments =
    [
        ("CIVIL", "민원여권과", "Civil Affairs and Passport Division", true),
        ("BUILDING", "건축과", "Building Division", false),
        ("TAX", "세무과", "Tax Division", false),
        ("WELFARE", "복지정책과", "Welfare Policy Division", false),
        ("AUDIT", "감사담당관", "Audit Office", false),
    ];

    private static readonly DemoAgency[] Agencies =
    [
        new("MOIS", "행정안전부", "Ministry of the Interior and Safety", AgencyLevel.Central, null,
            [("CIVIL", "민원실", "Civil Affairs Office", true), ("INNOVATION", "공공서비스정책과", "Public Service Policy Division", false)]),
        new("SEOUL", "서울특별시", "Seoul Metropolitan Government", AgencyLevel.Metropolitan, "MOIS",
            [("CIVIL", "민원봉사과", "Civil Service Division", true), ("URBAN", "도시계획과", "Urban Planning Division", false), ("AUDIT", "감사담당관", "Audit Office", false)]),
        new("SEOUL-JONGNO", "서울특별시 종로구", "Jongno-gu, Seoul", AgencyLevel.Local, "SEOUL", DistrictDepartments),
        new("SEOUL-MAPO", "서울특별시 마포구", "Mapo-gu, Seoul", AgencyLevel.Local, "SEOUL", DistrictDepartments),
        new("SEOUL-JONGNO-CHEONGUN", "종로구 청운효자동 행정복지센터", "Cheongunhyoja-dong Community Center", AgencyLevel.Town, "SEOUL-JONGNO",
            [("CIVIL", "민원팀", "Civil Affairs Team", true)]),
        new("SEOUL-JONGNO-SAJIK", "종로구 사직동 행정복지센터", "Sajik-dong Community Center", AgencyLevel.Town, "SEOUL-JONGNO",
            [("CIVIL", "민원팀", "Civil Affairs Team", true)]),
        new("SEOUL-MAPO-SEOGYO", "마포구 서교동 행정복지센터", "Seogyo-dong Community Center", AgencyLevel.Town, "SEOUL-MAPO",
            [("CIVIL", "민원팀", "Civil Affairs Team", true)]),
        new("SEOUL-MAPO-HAPJEONG", "마포구 합정동 행정복지센터", "Hapjeong-dong Community Center", AgencyLevel.Town, "SEOUL-MAPO",
            [("CIVIL", "민원팀", "Civil Affairs Team", true)]),
    ];

    /// <summary>True when the database already holds agencies (the seed never runs twice).</summary>
    public static Task<bool> IsSeededAsync(TreatmentDbContext db, CancellationToken ct) => db.Agencies.AnyAsync(ct);

    /// <summary>Inserts agencies, departments, roles, demo users and the demo channel key. Affairs come from the catalogue.</summary>
    public static async Task SeedAsync(TreatmentDbContext db, AffairsImport catalogue, DateTimeOffset now, CancellationToken ct)
    {
        var byCode = new Dictionary<string, Agency>(StringComparer.Ordinal);
        var phoneSequence = 0;
        foreach (var a in Agencies)
        {
            var agency = new Agency
            {
                Code = a.Code,
                NameKo = a.NameKo,
                NameEn = a.NameEn,
                Level = a.Level,
                Parent = a.Parent is null ? null : byCode[a.Parent],
                Departments = a.Departments.Select(d => new Department
                {
                    Code = d.Code,
                    NameKo = d.Ko,
                    NameEn = d.En,
                    IsPetitionsOffice = d.Office,
                    Phone = FormattableString.Invariant($"02-2148-{1100 + phoneSequence++}"),
                }).ToList(),
            };
            byCode[a.Code] = agency;
            db.Agencies.Add(agency);
        }

        await SeedCatalogueAsync(db, catalogue, ct);
        await db.SaveChangesAsync(ct);

        foreach (var role in Roles.All)
        {
            db.Roles.Add(new IdentityRole<Guid> { Id = Guid.NewGuid(), Name = role, NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        }

        await db.SaveChangesAsync(ct);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var hasher = new PasswordHasher<AppUser>();
        foreach (var account in Accounts)
        {
            var agency = byCode[account.AgencyCode];
            var department = account.DepartmentCode is null ? null : agency.Departments.Single(d => d.Code == account.DepartmentCode);
            var user = new AppUser
            {
                Id = Guid.NewGuid(),
                UserName = account.UserName,
                NormalizedUserName = account.UserName.ToUpperInvariant(),
                Email = account.UserName + "@demo.treatment.local",
                NormalizedEmail = (account.UserName + "@demo.treatment.local").ToUpperInvariant(),
                EmailConfirmed = true,
                DisplayName = account.DisplayName,
                AgencyId = agency.Id,
                DepartmentId = department?.Id,
                OfficePhone = department?.Phone,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
            };
            user.PasswordHash = hasher.HashPassword(user, DemoPassword);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[account.Role] });
        }

        db.ChannelApiKeys.Add(new ChannelApiKey
        {
            Name = "데모 통합민원포털 (demo online portal)",
            Channel = Channel.OnlinePortal,
            Prefix = ChannelKeys.Prefix(DemoChannelKey),
            KeyHash = ChannelKeys.Hash(DemoChannelKey),
            CreatedAt = now,
        });
        DemoPackages.Add(db, now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds catalogue rows whose code is not in the database yet (a production start runs this too).</summary>
    public static async Task SeedCatalogueAsync(TreatmentDbContext db, AffairsImport catalogue, CancellationToken ct)
    {
        var existing = await db.Affairs.ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, ct);
        db.Affairs.AddRange(catalogue.Affairs.Where(a => !existing.ContainsKey(a.Code)));
        // The standards file names each affair's document template; a database seeded before the column follows it.
        foreach (var affair in catalogue.Affairs)
        {
            if (existing.TryGetValue(affair.Code, out var stored) && stored.DocumentTemplate != affair.DocumentTemplate)
            {
                stored.DocumentTemplate = affair.DocumentTemplate;
            }
        }
    }
}
