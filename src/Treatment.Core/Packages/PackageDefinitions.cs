using Microsoft.EntityFrameworkCore;
using Treatment.Core.BackOffice;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Core.Packages;

/// <summary>A package definition as an admin saves it (created, or replaced when the code exists).</summary>
public sealed record PackageDefinitionInput(string? Code, string? NameKo, string? NameEn, string? DescriptionKo, string? DescriptionEn, IReadOnlyList<string>? AffairCodes, bool Active = true);

/// <summary>The packages the window offers, kept by admins of a central agency (one register for the country).</summary>
public sealed class PackageDefinitions(TreatmentDbContext db, TimeProvider time)
{
    public Task<List<PackageDefinition>> ListAsync(bool activeOnly, CancellationToken ct) =>
        db.PackageDefinitions.AsNoTracking().Include(d => d.Affairs.OrderBy(a => a.Position))
            .Where(d => !activeOnly || d.Active).OrderBy(d => d.Code).ToListAsync(ct);

    public Task<PackageDefinition?> FindAsync(string code, CancellationToken ct) =>
        db.PackageDefinitions.AsNoTracking().Include(d => d.Affairs.OrderBy(a => a.Position)).FirstOrDefaultAsync(d => d.Code == code, ct);

    public async Task<PetitionResult<PackageDefinition>> SaveAsync(PackageDefinitionInput input, Actor actor, CancellationToken ct)
    {
        await NationwideRegisters.RequireCentralAdminAsync(db, actor, ct);
        var errors = new Dictionary<string, string[]>();
        var code = input.Code?.Trim().ToUpperInvariant() ?? "";
        if (code.Length is 0 or > 40 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            errors["code"] = ["영문·숫자·하이픈 40자 이하여야 합니다. (letters, digits and hyphens, at most 40)"];
        }

        foreach (var (field, value, max, required) in new[] { ("nameKo", input.NameKo, 200, true), ("nameEn", input.NameEn, 200, true), ("descriptionKo", input.DescriptionKo, 1000, false), ("descriptionEn", input.DescriptionEn, 1000, false) })
        {
            if (TextRules.Check(value, max, multiline: true, required) is { } problem)
            {
                errors[field] = [problem];
            }
        }

        var affairs = (input.AffairCodes ?? []).Select(a => a?.Trim() ?? "").ToList();
        var known = await db.Affairs.AsNoTracking().Where(a => affairs.Contains(a.Code)).Select(a => a.Code).ToListAsync(ct);
        if (affairs.Count is < 2 or > PackageIntake.MaxItems || affairs.Distinct().Count() != affairs.Count)
        {
            errors["affairCodes"] = [$"서로 다른 사무 2~{PackageIntake.MaxItems}개여야 합니다. (2 to {PackageIntake.MaxItems} distinct affairs)"];
        }
        else if (affairs.FirstOrDefault(a => !known.Contains(a)) is { } unknown)
        {
            errors["affairCodes"] = [$"민원처리기준표에 없는 사무입니다: {unknown} (unknown affair code)"];
        }

        if (errors.Count > 0)
        {
            return PetitionError.Invalid(errors);
        }

        var definition = await db.PackageDefinitions.Include(d => d.Affairs).FirstOrDefaultAsync(d => d.Code == code, ct);
        if (definition is null)
        {
            definition = new PackageDefinition { Code = code, NameKo = "", NameEn = "", CreatedAt = time.GetUtcNow() };
            db.PackageDefinitions.Add(definition);
        }

        definition.NameKo = input.NameKo!.Trim();
        definition.NameEn = input.NameEn!.Trim();
        definition.DescriptionKo = input.DescriptionKo?.Trim() ?? "";
        definition.DescriptionEn = input.DescriptionEn?.Trim() ?? "";
        definition.Active = input.Active;
        definition.Affairs.Clear();
        definition.Affairs.AddRange(affairs.Select((a, i) => new PackageDefinitionAffair { AffairCode = a, Position = i }));
        await db.SaveChangesAsync(ct);
        return definition;
    }
}
