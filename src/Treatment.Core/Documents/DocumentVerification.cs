using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Security;

namespace Treatment.Core.Documents;

public enum DocumentVerdict
{
    /// <summary>Issued by us, and the signed part is as issued (digest equal, signature valid with the agency's key).</summary>
    Genuine,

    /// <summary>Its issue number and code are ours, but the signed part differs from what was issued.</summary>
    Altered,

    /// <summary>No document with this issue number and code (or no signed part at all).</summary>
    Unknown,

    /// <summary>The issue number is locked for a while after repeated wrong codes.</summary>
    Locked,
}

/// <summary>What anyone holding the issue number and code may read of a document: its facts, not its content.</summary>
public sealed record DocumentFacts(string IssueNumber, string AgencyCode, string AgencyNameKo, string AgencyNameEn, string TitleKo, string TitleEn, string Holder, DateTimeOffset IssuedAt, string Digest, string Signature, string KeyId);

public sealed record DocumentCheck(DocumentVerdict Verdict, DocumentFacts? Facts = null, TimeSpan RetryAfter = default);

/// <summary>An agency's published document-signing key.</summary>
public sealed record PublishedKey(string KeyId, string AgencyCode, string AgencyNameKo, string AgencyNameEn, string Algorithm, string PublicKey, DateTimeOffset CreatedAt);

/// <summary>
/// The verification service (진위확인): a document's facts by issue number and code, and the verdict on an uploaded
/// copy. Wrong codes lock the issue number for a while, as wrong lookup codes lock a receipt number.
/// </summary>
public sealed partial class DocumentVerification(TreatmentDbContext db, AttemptThrottle throttle, IOptions<StatusLookupOptions> options)
{
    public async Task<DocumentCheck> FactsAsync(string issueNumber, string code, CancellationToken ct)
    {
        var key = "document:" + issueNumber;
        if (await throttle.BlockedForAsync(key, ct) is { } blocked)
        {
            return new DocumentCheck(DocumentVerdict.Locked, RetryAfter: blocked);
        }

        var document = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.IssueNumber == issueNumber, ct);
        if (document is null || !CodeMatches(document.VerificationCode, code))
        {
            // Unknown numbers count too, so "no such document" and "wrong code" behave alike.
            await throttle.RecordFailureAsync(key, options.Value.ReceiptRule, ct);
            return new DocumentCheck(DocumentVerdict.Unknown);
        }

        await throttle.ForgetAsync(key, ct);
        return new DocumentCheck(DocumentVerdict.Genuine, await FactsOfAsync(document, ct));
    }

    /// <summary>Genuine, altered or unknown: the uploaded page's signed part against the document its issue number and code name.</summary>
    public async Task<DocumentCheck> VerifyAsync(string page, CancellationToken ct)
    {
        var signed = DocumentRenderer.SignedPartOf(page.ReplaceLineEndings("\n"));
        if (signed is null || IssueNumberIn().Match(signed) is not { Success: true } number || CodeIn().Match(signed) is not { Success: true } codeMatch)
        {
            return new DocumentCheck(DocumentVerdict.Unknown);
        }

        var check = await FactsAsync(System.Net.WebUtility.HtmlDecode(number.Groups[1].Value), System.Net.WebUtility.HtmlDecode(codeMatch.Groups[1].Value), ct);
        if (check.Verdict != DocumentVerdict.Genuine)
        {
            return check;
        }

        var document = await db.IssuedDocuments.AsNoTracking().FirstAsync(d => d.IssueNumber == check.Facts!.IssueNumber, ct);
        var publicKey = await db.AgencySigningKeys.AsNoTracking().Where(k => k.KeyId == document.SigningKeyId).Select(k => k.PublicKey).FirstAsync(ct);
        var bytes = Encoding.UTF8.GetBytes(signed);
        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var genuine = digest == document.Digest && AgencySigningKeys.Verifies(publicKey, bytes, document.Signature);
        return check with { Verdict = genuine ? DocumentVerdict.Genuine : DocumentVerdict.Altered };
    }

    /// <summary>The page of a document for its holder (the window shows it right after issuance or with the receipt's lookup).</summary>
    public Task<IssuedDocument?> OfPetitionAsync(long petitionId, CancellationToken ct) =>
        db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.PetitionId == petitionId, ct);

    public async Task<IReadOnlyList<PublishedKey>> PublishedKeysAsync(CancellationToken ct) =>
        await db.AgencySigningKeys.AsNoTracking()
            .Join(db.Agencies, k => k.AgencyId, a => a.Id, (k, a) => new { k, a })
            .OrderBy(x => x.a.Code)
            .Select(x => new PublishedKey(x.k.KeyId, x.a.Code, x.a.NameKo, x.a.NameEn, "ES256", x.k.PublicKey, x.k.CreatedAt))
            .ToListAsync(ct);

    private async Task<DocumentFacts> FactsOfAsync(IssuedDocument d, CancellationToken ct)
    {
        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == d.AgencyId, ct);
        return new DocumentFacts(d.IssueNumber, agency.Code, agency.NameKo, agency.NameEn, d.TitleKo, d.TitleEn, d.HolderMasked, d.IssuedAt, d.Digest, d.Signature, d.SigningKeyId);
    }

    private static bool CodeMatches(string stored, string offered) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(StatusLookupCodes.Normalize(stored)), Encoding.ASCII.GetBytes(StatusLookupCodes.Normalize(offered)));

    [GeneratedRegex("data-issue-number=\"([^\"]{1,40})\"")]
    private static partial Regex IssueNumberIn();

    [GeneratedRegex("data-verification-code=\"([^\"]{1,40})\"")]
    private static partial Regex CodeIn();
}
