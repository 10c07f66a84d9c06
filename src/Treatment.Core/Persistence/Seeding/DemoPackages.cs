using Treatment.Core.AddressChanges;
using Treatment.Core.Packages;

namespace Treatment.Core.Persistence.Seeding;

/// <summary>
/// The demo's two packages (a birth package, a moving package) and three address-change recipients told by e-mail
/// (the log sender writes them). Admins of a central agency change both registers later (decision 021).
/// </summary>
internal static class DemoPackages
{
    public static void Add(TreatmentDbContext db, DateTimeOffset now)
    {
        db.PackageDefinitions.Add(Definition("BIRTH", "행복출산 묶음 민원", "Birth package",
            "출생신고와 함께 필요한 증명서를 한 번에 신청합니다.", "Register a birth and ask for the certificates it needs in one application.", now,
            "FAM-BIRTH-REPORT", "FAM-REG-CERT", "RES-CERT-ISSUE", "PASSPORT-ISSUE"));
        db.PackageDefinitions.Add(Definition("MOVING", "이사 묶음 민원", "Moving package",
            "전입신고, 확정일자, 주민등록증 재발급 등 이사에 따르는 민원을 한 번에 신청합니다.", "Move-in report, fixed-date stamp, ID card reissue and more in one application.", now,
            "RES-MOVEIN-REPORT", "RES-LEASE-FIXED-DATE", "RES-IDCARD-REISSUE", "CAR-REG-LEDGER", "BLD-LEDGER-ISSUE"));
        foreach (var (code, ko, en, email) in new[]
        {
            ("NHIS", "국민건강보험공단", "National Health Insurance Service", "address@nhis.example.kr"),
            ("NPS", "국민연금공단", "National Pension Service", "address@nps.example.kr"),
            ("KEPCO", "한국전력공사", "Korea Electric Power Corporation", "address@kepco.example.kr"),
        })
        {
            db.AddressChangeRecipients.Add(new AddressChangeRecipient { Code = code, NameKo = ko, NameEn = en, Channel = RecipientChannels.Email, Endpoint = email, CreatedAt = now });
        }
    }

    private static PackageDefinition Definition(string code, string ko, string en, string descriptionKo, string descriptionEn, DateTimeOffset now, params string[] affairs) => new()
    {
        Code = code,
        NameKo = ko,
        NameEn = en,
        DescriptionKo = descriptionKo,
        DescriptionEn = descriptionEn,
        CreatedAt = now,
        Affairs = affairs.Select((a, i) => new PackageDefinitionAffair { AffairCode = a, Position = i }).ToList(),
    };
}
