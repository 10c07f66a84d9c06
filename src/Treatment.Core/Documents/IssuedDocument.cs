namespace Treatment.Core.Documents;

/// <summary>
/// A document issued on an affair's decision (주민등록표 등·초본, 건축물대장, 토지대장): rendered once, signed by the
/// issuing agency's key and never re-rendered; anyone holding it can check it with its issue number and code.
/// </summary>
public sealed class IssuedDocument
{
    public long Id { get; set; }

    /// <summary>"2026-00000123": printed on the document, unique, from a database sequence (never max()+1).</summary>
    public required string IssueNumber { get; set; }

    /// <summary>One document per petition: the effect happens once even if the decision is replayed.</summary>
    public long PetitionId { get; set; }

    public int AgencyId { get; set; }

    /// <summary>Template name, e.g. "documents/resident-registration".</summary>
    public required string Template { get; set; }

    public required string TitleKo { get; set; }

    public required string TitleEn { get; set; }

    /// <summary>The holder as printed: masked as the law allows.</summary>
    public required string HolderMasked { get; set; }

    /// <summary>The whole printable page as issued.</summary>
    public required string Html { get; set; }

    /// <summary>The part of the page the digest and signature cover, exactly as signed.</summary>
    public required string SignedContent { get; set; }

    /// <summary>SHA-256 of <see cref="SignedContent"/> (UTF-8), lower-case hex.</summary>
    public required string Digest { get; set; }

    /// <summary>ECDSA P-256 over <see cref="SignedContent"/> with SHA-256, IEEE P1363 (r‖s), base64.</summary>
    public required string Signature { get; set; }

    public required string SigningKeyId { get; set; }

    /// <summary>Printed on the document (문서확인번호); with the issue number it answers the document's facts.</summary>
    public required string VerificationCode { get; set; }

    public DateTimeOffset IssuedAt { get; set; }
}

/// <summary>
/// An agency's document-signing key pair (ECDSA P-256). The private key is stored encrypted with the personal-data
/// key (AES-256-GCM, its key id beside it) like resident numbers; the public key is published.
/// </summary>
public sealed class AgencySigningKey
{
    public int Id { get; set; }

    public int AgencyId { get; set; }

    /// <summary>The first 8 bytes of the public key's SHA-256, hex.</summary>
    public required string KeyId { get; set; }

    /// <summary>SubjectPublicKeyInfo (DER), base64.</summary>
    public required string PublicKey { get; set; }

    public required byte[] PrivateKeyCipher { get; set; }

    /// <summary>The personal-data key that encrypted <see cref="PrivateKeyCipher"/>.</summary>
    public required string PrivateKeyProtectorId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
