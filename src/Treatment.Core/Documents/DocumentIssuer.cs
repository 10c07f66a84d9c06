using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Security;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;

namespace Treatment.Core.Documents;

/// <summary>
/// What one issuance needs that must be fetched before the change runs (an issue number from the sequence, the
/// agency's signer); the change path then issues in memory, in the same transaction as the decision.
/// </summary>
public sealed class DocumentSlot(DocumentRenderer renderer, DocumentSigner signer, string issueNumber, string template, Agency agency, CivilAffair affair)
{
    public string IssueNumber { get; } = issueNumber;

    public IssuedDocument Issue(Petition petition, DateTimeOffset now)
    {
        var code = DocumentIssuer.NewVerificationCode();
        var holder = PersonalDataProtector.MaskName(petition.PetitionerName);
        var kst = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul"));
        var model = new DocumentModel(new Dictionary<string, IReadOnlyDictionary<string, string?>>
        {
            ["document"] = new Dictionary<string, string?>
            {
                ["title_ko"] = affair.NameKo,
                ["title_en"] = affair.NameEn,
                ["issue_number"] = IssueNumber,
                ["issued_at"] = kst.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " KST",
                ["verification_code"] = code,
                ["receipt_number"] = petition.ReceiptNumber,
                ["fee"] = affair.Fee,
            },
            ["agency"] = new Dictionary<string, string?> { ["name_ko"] = agency.NameKo, ["name_en"] = agency.NameEn, ["code"] = agency.Code },
            ["holder"] = new Dictionary<string, string?>
            {
                ["name"] = holder,
                ["resident_number"] = petition.PetitionerRrnMasked,
                ["address"] = PersonalDataMasks.Address(petition.PetitionerAddress),
            },
            ["content"] = new Dictionary<string, string?> { ["subject"] = petition.Title, ["body"] = petition.Body, ["statute"] = affair.Statute },
        });
        var signed = renderer.RenderSigned(template, model);
        var bytes = Encoding.UTF8.GetBytes(signed);
        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var signature = signer.Sign(bytes);
        return new IssuedDocument
        {
            IssueNumber = IssueNumber,
            PetitionId = petition.Id,
            AgencyId = agency.Id,
            Template = template,
            TitleKo = affair.NameKo,
            TitleEn = affair.NameEn,
            HolderMasked = petition.PetitionerRrnMasked is { } rrn ? $"{holder} ({rrn})" : holder,
            Html = DocumentRenderer.Page(affair.NameKo, signed, digest, signature, signer.KeyId, IssueNumber),
            SignedContent = signed,
            Digest = digest,
            Signature = signature,
            SigningKeyId = signer.KeyId,
            VerificationCode = code,
            IssuedAt = now,
        };
    }
}

/// <summary>Prepares issuances for decisions whose transition declares <see cref="IssuesDocument"/> on affairs with a template.</summary>
public sealed class DocumentIssuer(TreatmentDbContext db, DocumentRenderer renderer, AgencySigningKeys keys)
{
    // No look-alikes (0/O, 1/I/L): 16 of 31 symbols ≈ 79 bits.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>
    /// A slot when the definition may issue the affair's document (some transition declares the effect and the
    /// standards name a template); null otherwise. An unused number leaves a gap, never a duplicate.
    /// </summary>
    public async Task<DocumentSlot?> PrepareAsync(WorkflowDefinition definition, Agency agency, CivilAffair? affair, DateTimeOffset now, CancellationToken ct)
    {
        if (affair?.DocumentTemplate is not { } template || !renderer.Has(template) || !definition.Transitions.Any(t => t.Has<IssuesDocument>()))
        {
            return null;
        }

        var signer = await keys.SignerAsync(agency.Id, ct);
        var sequence = await db.Database.SqlQuery<long>($"select nextval('issued_document_numbers') as \"Value\"").SingleAsync(ct);
        var year = PetitionClock.KoreanDate(now).Year;
        return new DocumentSlot(renderer, signer, string.Create(CultureInfo.InvariantCulture, $"{year}-{sequence:D8}"), template, agency, affair);
    }

    /// <summary>"ABCD-EFGH-JKMN-PQRS".</summary>
    public static string NewVerificationCode()
    {
        var code = new StringBuilder(19);
        for (var i = 0; i < 16; i++)
        {
            if (i is 4 or 8 or 12)
            {
                code.Append('-');
            }

            code.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
        }

        return code.ToString();
    }
}
