using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Security;
using Treatment.Core.Workflows;

namespace Treatment.Core.Packages;

/// <summary>One affair of a package application, at the agency the applicant chose.</summary>
public sealed record PackageItemRequest(string? AffairCode, string? AgencyCode, string? Body = null);

/// <summary>A package application as a channel, the citizen window or an official hands it in.</summary>
public sealed record PackageRequest(string? PackageCode, PetitionerDetails Petitioner, IReadOnlyList<PackageItemRequest> Items, Channel Channel, string? Body = null);

/// <summary>The package with its children and the lookup code the citizen reads it with.</summary>
public sealed record PackageOutcome(PetitionPackage Package, string LookupCode, IReadOnlyList<Petition> Children);

/// <summary>
/// Receives a package: every listed affair becomes a child petition through <see cref="PetitionIntake"/> (validation,
/// routing, period, receipt number, workflow, clock, notices, assignment), all in one transaction with the package,
/// so an application is filed whole or not at all.
/// </summary>
public sealed class PackageIntake(TreatmentDbContext db, PetitionIntake intake, PersonalDataProtector personalData, TimeProvider time)
{
    public const int MaxItems = 10;

    public async Task<PetitionResult<PackageOutcome>> ReceiveAsync(PackageRequest request, Actor actor, int? channelKeyId, CancellationToken ct)
    {
        var code = request.PackageCode?.Trim() ?? "";
        var definition = code.Length is > 0 and <= 40
            ? await db.PackageDefinitions.AsNoTracking().Include(d => d.Affairs).FirstOrDefaultAsync(d => d.Code == code && d.Active, ct)
            : null;
        if (definition is null)
        {
            return PetitionError.Invalid("packageCode", "알 수 없거나 중지된 묶음 민원입니다. (unknown or withdrawn package)");
        }

        if (ItemErrors(definition, request.Items) is { Count: > 0 } itemErrors)
        {
            return PetitionError.Invalid(itemErrors);
        }

        var codes = request.Items.Select(i => i.AffairCode!.Trim()).ToList();
        var affairs = await db.Affairs.AsNoTracking().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
        if (codes.FirstOrDefault(c => !affairs.ContainsKey(c)) is { } missing)
        {
            return PetitionError.Invalid($"items[{codes.IndexOf(missing)}].affairCode", "민원처리기준표에 없는 사무입니다. (unknown affair code)");
        }

        // The resident number, given once, goes only to the children whose law requires it (Decree §52).
        if (request.Petitioner.ResidentNumber is not null && !affairs.Values.Any(a => a.RequiresResidentNumber))
        {
            return PetitionError.Invalid("petitioner.residentNumber", "고른 사무 중 주민등록번호가 필요한 사무가 없습니다(시행령 §52). (none of these affairs collects resident registration numbers)");
        }

        var now = time.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var children = new List<Petition>();
            for (var i = 0; i < request.Items.Count; i++)
            {
                var item = request.Items[i];
                var affair = affairs[codes[i]];
                var child = await intake.ReceiveAsync(new IntakeRequest
                {
                    Kind = PetitionKind.Legal,
                    AffairCode = affair.Code,
                    AgencyCode = item.AgencyCode ?? "",
                    Channel = request.Channel,
                    Title = $"{definition.NameKo}: {affair.NameKo}",
                    Body = Blank(item.Body) ?? Blank(request.Body) ?? $"{definition.NameKo} 신청 ({definition.NameEn})",
                    Petitioner = affair.RequiresResidentNumber ? request.Petitioner : request.Petitioner with { ResidentNumber = null },
                }, actor, idempotency: null, ct);
                if (child.Error is { } error)
                {
                    await transaction.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return (PetitionResult<PackageOutcome>)Prefixed(error, i);
                }

                children.Add(child.Value!.Petition);
            }

            var lookupCode = StatusLookupCodes.New();
            var sequence = await db.Database.SqlQuery<long>($"select nextval('package_receipt_numbers') as \"Value\"").SingleAsync(ct);
            var package = new PetitionPackage
            {
                ReceiptNumber = string.Create(CultureInfo.InvariantCulture, $"{PetitionClock.KoreanDate(now).Year}-PKG-{sequence:D6}"),
                PackageDefinitionId = definition.Id,
                PetitionerNameMasked = PersonalDataProtector.MaskName(request.Petitioner.Name!.Trim()),
                LookupCodeCipher = personalData.Encrypt(lookupCode),
                ChannelApiKeyId = channelKeyId,
                CreatedAt = now,
                Members = children.Select((c, position) => new PetitionPackageMember { PetitionId = c.Id, Position = position }).ToList(),
            };
            db.PetitionPackages.Add(package);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            package.Definition = definition;
            return (PetitionResult<PackageOutcome>)new PackageOutcome(package, lookupCode, children);
        });
    }

    private static Dictionary<string, string[]> ItemErrors(PackageDefinition definition, IReadOnlyList<PackageItemRequest>? items)
    {
        var errors = new Dictionary<string, string[]>();
        if (items is null || items.Count == 0 || items.Count > MaxItems)
        {
            errors["items"] = [$"1~{MaxItems}개의 사무를 고르십시오. (list 1 to {MaxItems} affairs)"];
            return errors;
        }

        var offered = definition.Affairs.Select(a => a.AffairCode).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var affair = items[i]?.AffairCode?.Trim();
            if (affair is null || !offered.Contains(affair))
            {
                errors[$"items[{i}].affairCode"] = [$"이 묶음 민원에 없는 사무입니다: {string.Join(", ", offered)} (not offered by this package)"];
            }
            else if (!seen.Add(affair))
            {
                errors[$"items[{i}].affairCode"] = ["같은 사무를 두 번 신청할 수 없습니다. (each affair once)"];
            }

            if (string.IsNullOrWhiteSpace(items[i]?.AgencyCode))
            {
                errors[$"items[{i}].agencyCode"] = ["처리기관이 필요합니다. (the agency is required)"];
            }
        }

        return errors;
    }

    /// <summary>A child's refusal, its field names placed under the item they came from.</summary>
    private static PetitionError Prefixed(PetitionError error, int index) => error with
    {
        Fields = error.Fields?.ToDictionary(
            f => f.Key is "title" or "body" or "affairCode" or "agencyCode" ? $"items[{index}].{f.Key}" : f.Key,
            f => f.Value),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
