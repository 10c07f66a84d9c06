using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Treatment.Core.Agencies;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.BackOffice;

public sealed record UserRow(
    Guid Id, string UserName, string DisplayName, int AgencyId, string AgencyKo, string AgencyEn, string? DepartmentKo, string? DepartmentEn,
    IReadOnlyList<string> Roles, bool Active, bool LockedOut, int OpenAssigned);

/// <summary>An agency an admin manages users of, with its departments.</summary>
public sealed record ManagedAgency(int Id, string NameKo, string NameEn, IReadOnlyList<DepartmentOption> Departments);

/// <summary>A new back-office user as the admin's form posts it.</summary>
public sealed record NewUser(string? UserName, string? DisplayName, string? Role, int? AgencyId, int? DepartmentId, string? Password);

/// <summary>
/// Users, roles and account status, for admins. Every call checks the actor's role and agency scope here, whatever the
/// page shows: an admin manages the users of their own agency and of its town offices (the 행정복지센터 of a district
/// are part of its organisation), nobody else's.
/// </summary>
public sealed class UserAdminService(TreatmentDbContext db, UserManager<AppUser> users, TimeProvider time, ILogger<UserAdminService> logger, Assignment.AbsenceService absences)
{
    private const int MaxUserNameLength = 50;
    private const int MaxDisplayNameLength = 100;

    /// <summary>The agencies the actor manages users of: their own and its town offices.</summary>
    public async Task<List<ManagedAgency>> ManagedAgenciesAsync(Actor actor, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        var agencyId = actor.AgencyId ?? throw new BackOfficeForbiddenException("the admin belongs to no agency");
        var agencies = await db.Agencies.AsNoTracking()
            .Where(a => a.Id == agencyId || (a.ParentId == agencyId && a.Level == AgencyLevel.Town))
            .Include(a => a.Departments)
            .ToListAsync(ct);
        return agencies
            .OrderBy(a => a.Id != agencyId).ThenBy(a => a.NameKo, StringComparer.Ordinal)
            .Select(a => new ManagedAgency(a.Id, a.NameKo, a.NameEn,
                a.Departments.OrderBy(d => d.Id).Select(d => new DepartmentOption(d.Id, d.NameKo, d.NameEn)).ToList()))
            .ToList();
    }

    public async Task<List<UserRow>> UsersAsync(Actor actor, CancellationToken ct)
    {
        var managed = (await ManagedAgenciesAsync(actor, ct)).Select(a => a.Id).ToList();
        var now = time.GetUtcNow();
        var rows = await db.Users.AsNoTracking().Where(u => managed.Contains(u.AgencyId))
            .OrderBy(u => u.AgencyId).ThenBy(u => u.UserName)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                u.AgencyId,
                AgencyKo = u.Agency!.NameKo,
                AgencyEn = u.Agency.NameEn,
                DepartmentKo = u.Department == null ? null : u.Department.NameKo,
                DepartmentEn = u.Department == null ? null : u.Department.NameEn,
                u.IsActive,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
                OpenAssigned = db.Petitions.Count(p => p.IsOpen && p.AssigneeId == u.Id),
            })
            .ToListAsync(ct);
        return rows.Select(r => new UserRow(r.Id, r.UserName!, r.DisplayName, r.AgencyId, r.AgencyKo, r.AgencyEn, r.DepartmentKo, r.DepartmentEn,
            r.Roles.Order(StringComparer.Ordinal).ToList(), r.IsActive, r.LockoutEnd > now, r.OpenAssigned)).ToList();
    }

    /// <summary>What the password policy asks (Identity options), for the form's hint.</summary>
    public LocalizedText PasswordPolicy()
    {
        var p = users.Options.Password;
        var ko = new List<string> { $"{p.RequiredLength}자 이상" };
        var en = new List<string> { $"at least {p.RequiredLength} characters" };
        if (p.RequireUppercase)
        {
            ko.Add("영문 대문자");
            en.Add("an upper-case letter");
        }

        if (p.RequireLowercase)
        {
            ko.Add("영문 소문자");
            en.Add("a lower-case letter");
        }

        if (p.RequireDigit)
        {
            ko.Add("숫자");
            en.Add("a digit");
        }

        if (p.RequireNonAlphanumeric)
        {
            ko.Add("특수문자");
            en.Add("a symbol");
        }

        return new LocalizedText(string.Join(", ", ko) + " 포함", string.Join(", ", en));
    }

    /// <summary>Creates an active user with one role in an agency the actor manages; the password must meet the Identity policy.</summary>
    public async Task<Guid> CreateAsync(Actor actor, NewUser input, CancellationToken ct)
    {
        var managed = await ManagedAgenciesAsync(actor, ct);
        if (input.AgencyId is { } requested && managed.All(a => a.Id != requested))
        {
            throw new BackOfficeForbiddenException("the agency is outside your scope");
        }

        var errors = new List<FieldError>();
        var userName = input.UserName?.Trim() ?? "";
        var displayName = input.DisplayName?.Trim() ?? "";
        if (userName.Length is 0 or > MaxUserNameLength)
        {
            errors.Add(Error("UserName", $"아이디를 {MaxUserNameLength}자 이내로 입력하세요.", $"Enter a user name of at most {MaxUserNameLength} characters."));
        }

        if (displayName.Length is 0 or > MaxDisplayNameLength)
        {
            errors.Add(Error("DisplayName", $"이름을 {MaxDisplayNameLength}자 이내로 입력하세요.", $"Enter a name of at most {MaxDisplayNameLength} characters."));
        }

        if (input.Role is null || !Roles.All.Contains(input.Role))
        {
            errors.Add(Error("Role", "역할을 고르세요.", "Choose a role."));
        }

        var agency = managed.FirstOrDefault(a => a.Id == input.AgencyId);
        if (agency is null)
        {
            errors.Add(Error("AgencyId", "기관을 고르세요.", "Choose an agency."));
        }
        else if (agency.Departments.All(d => d.Id != input.DepartmentId))
        {
            errors.Add(Error("DepartmentId", "고른 기관의 부서를 고르세요.", "Choose a department of the chosen agency."));
        }

        var user = new AppUser
        {
            UserName = userName,
            DisplayName = displayName,
            AgencyId = agency?.Id ?? 0,
            DepartmentId = input.DepartmentId,
            IsActive = true,
        };
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange(Describe((await validator.ValidateAsync(users, user, input.Password ?? "")).Errors));
        }

        if (errors.Count > 0)
        {
            throw new BackOfficeInputException(errors);
        }

        user.OfficePhone = await db.Departments.Where(d => d.Id == input.DepartmentId).Select(d => d.Phone).SingleAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            throw new BackOfficeInputException(Describe(created.Errors).ToList());
        }

        var granted = await users.AddToRoleAsync(user, input.Role!);
        if (!granted.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", granted.Errors.Select(e => e.Description)));
        }

        await transaction.CommitAsync(ct);
        logger.LogInformation("Admin {AdminId} created user {UserId} ({UserName}) with role {Role} in agency {AgencyId}",
            actor.UserId, user.Id, userName, input.Role, user.AgencyId);
        return user.Id;
    }

    /// <summary>
    /// Disables or re-enables a user. A disabled user cannot sign in (the sign-in page and the token endpoint check
    /// IsActive) and their open sessions end at the next security-stamp check, because disabling renews the stamp.
    /// Returns the user's user name.
    /// </summary>
    public async Task<string> SetActiveAsync(Actor actor, Guid userId, bool active, CancellationToken ct)
    {
        var user = await ManagedUserAsync(actor, userId, ct);
        if (user.Id == actor.UserId && !active)
        {
            throw new BackOfficeForbiddenException("an admin cannot disable their own account");
        }

        if (user.IsActive == active)
        {
            return user.UserName!;
        }

        // Assignment: a disabled official's open petitions go back to the queue in the same transaction (decision 011).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.IsActive = active;
        var result = active ? await users.UpdateAsync(user) : await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        if (!active)
        {
            await absences.ReturnOpenWorkAsync(user, actor, ct);
        }

        await transaction.CommitAsync(ct);

        logger.LogInformation("Admin {AdminId} {Action} user {UserId} ({UserName})", actor.UserId, active ? "re-enabled" : "disabled", user.Id, user.UserName);
        return user.UserName!;
    }

    /// <summary>Grants or withdraws one role of a user the admin manages.</summary>
    public async Task SetRoleAsync(Actor actor, Guid userId, string role, bool granted, CancellationToken ct)
    {
        if (!Roles.All.Contains(role))
        {
            throw new BackOfficeInputException("Role", $"알 수 없는 역할입니다: {role}", $"Unknown role '{role}'.");
        }

        var user = await ManagedUserAsync(actor, userId, ct);
        if (user.Id == actor.UserId && role == Roles.Admin && !granted)
        {
            throw new BackOfficeForbiddenException("an admin cannot withdraw their own admin role");
        }

        var has = await users.IsInRoleAsync(user, role);
        var result = granted && !has ? await users.AddToRoleAsync(user, role)
            : !granted && has ? await users.RemoveFromRoleAsync(user, role)
            : IdentityResult.Success;
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        logger.LogInformation("Admin {AdminId} {Action} role {Role} of user {UserId}", actor.UserId, granted ? "granted" : "withdrew", role, user.Id);
    }

    private async Task<AppUser> ManagedUserAsync(Actor actor, Guid userId, CancellationToken ct)
    {
        var managed = (await ManagedAgenciesAsync(actor, ct)).Select(a => a.Id).ToList();
        return await db.Users.SingleOrDefaultAsync(u => u.Id == userId && managed.Contains(u.AgencyId), ct)
            ?? throw new BackOfficeForbiddenException("the user is not in an agency you manage");
    }

    private static FieldError Error(string field, string ko, string en) => new(field, new LocalizedText(ko, en));

    /// <summary>Identity's errors by code in Korean and English; an unknown code keeps Identity's own text.</summary>
    private IEnumerable<FieldError> Describe(IEnumerable<IdentityError> errors)
    {
        var p = users.Options.Password;
        foreach (var e in errors)
        {
            yield return e.Code switch
            {
                nameof(IdentityErrorDescriber.PasswordTooShort) => Error("Password", $"비밀번호는 {p.RequiredLength}자 이상이어야 합니다.", $"The password needs at least {p.RequiredLength} characters."),
                nameof(IdentityErrorDescriber.PasswordRequiresUpper) => Error("Password", "비밀번호에 영문 대문자를 넣으세요.", "The password needs an upper-case letter."),
                nameof(IdentityErrorDescriber.PasswordRequiresLower) => Error("Password", "비밀번호에 영문 소문자를 넣으세요.", "The password needs a lower-case letter."),
                nameof(IdentityErrorDescriber.PasswordRequiresDigit) => Error("Password", "비밀번호에 숫자를 넣으세요.", "The password needs a digit."),
                nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => Error("Password", "비밀번호에 특수문자를 넣으세요.", "The password needs a symbol."),
                nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => Error("Password", $"비밀번호에 서로 다른 문자를 {p.RequiredUniqueChars}개 이상 넣으세요.", $"The password needs {p.RequiredUniqueChars} different characters."),
                nameof(IdentityErrorDescriber.DuplicateUserName) => Error("UserName", "이미 쓰이는 아이디입니다.", "The user name is taken."),
                nameof(IdentityErrorDescriber.InvalidUserName) => Error("UserName", "아이디에는 영문, 숫자와 - . _ @ + 만 쓸 수 있습니다.", "A user name may hold letters, digits and - . _ @ + only."),
                _ => Error("", e.Description, e.Description),
            };
        }
    }
}
