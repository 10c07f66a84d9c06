namespace Treatment.Core.Petitions;

/// <summary>The petitioner as the channel gives them; a resident registration number only where the affair's law requires it (Decree §52).</summary>
/// <param name="NoticeChannel">how notices reach them (email, sms, alimtalk, paper, in-person); by the default policy when null</param>
public sealed record PetitionerDetails(string? Name, string? Phone, string? Email, string? Address, string? ResidentNumber = null, string? NoticeChannel = null);

/// <summary>Metadata of a document handed in with the petition (the file itself stays with the channel).</summary>
public sealed record AttachmentMetadata(string? FileName, string? ContentType, long? Size);

/// <summary>A petition as a channel system or an official hands it in.</summary>
public sealed record IntakeRequest
{
    public required PetitionKind Kind { get; init; }

    /// <summary>Inquisitive petitions: statute or procedure (Decree §14).</summary>
    public string? SubKind { get; init; }

    /// <summary>Legal petitions: the affair's code in the treatment standards (Act §36).</summary>
    public string? AffairCode { get; init; }

    public required string AgencyCode { get; init; }

    public required Channel Channel { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    public required PetitionerDetails Petitioner { get; init; }

    /// <summary>A visit or mail petition registered later; never in the future.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    public IReadOnlyList<AttachmentMetadata> Attachments { get; init; } = [];

    public int SignerCount { get; init; } = 1;

    public int HouseholdCount { get; init; } = 1;

    /// <summary>A legal petition filed after a prior examination (Act §30): that examination's receipt number at the same agency.</summary>
    public string? PriorExaminationReceiptNumber { get; init; }

    /// <summary>The original signature roster came with the petition (Act §24①): its receipt is recorded at the petition's.</summary>
    public bool RosterReceived { get; init; }

    /// <summary>Representatives of a joint petition chosen by the signers (Decree §8), at most three.</summary>
    public IReadOnlyList<ManyPerson.RepresentativeInput> Representatives { get; init; } = [];

    /// <summary>Identical certificates asked for at once (Decree §12⑤: one more day per 20); 1 when not told.</summary>
    public int Copies { get; init; } = 1;
}

/// <summary>Remembers a channel's intake by its Idempotency-Key: the same key and body give the same petition.</summary>
/// <param name="RequestHash">SHA-256 (hex) of the request body as received</param>
public sealed record IdempotencyKey(int ChannelApiKeyId, string Key, string RequestHash);

/// <summary>The petition after intake, whether it was a replay of an earlier request with the same key, and (for a new one) what intake appended.</summary>
public sealed record IntakeOutcome(Petition Petition, bool Replayed, IReadOnlyList<PetitionEvent>? Events = null, IReadOnlyList<Notices.Notice>? Notices = null)
{
    /// <summary>The document issued at once (an immediate affair's decision on receipt), if any.</summary>
    public IReadOnlyList<Documents.IssuedDocument> Documents { get; init; } = [];
}
