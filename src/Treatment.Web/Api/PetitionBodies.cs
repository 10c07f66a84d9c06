using System.ComponentModel.DataAnnotations;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Web.Api;

/// <param name="NoticeChannel">how notices reach the petitioner: email, sms, alimtalk, paper or in-person (default: the first of e-mail, phone, address given)</param>
public sealed record PetitionerBody([property: Required] string? Name, string? Phone, string? Email, string? Address, string? ResidentNumber, string? NoticeChannel = null);

public sealed record AttachmentBody(string? FileName, string? ContentType, long? Size);

/// <summary>
/// Body of POST /petitions (issue 6 §2). Enums are kebab-case: legal, inquisitive, …, prior-examination; online-portal,
/// e-window, visit, …. A legal petition after a prior examination names its receipt number (Act §30).
/// </summary>
public sealed record IntakeBody(
    [property: Required] PetitionKind? Kind,
    string? SubKind,
    string? AffairCode,
    [property: Required] string? AgencyCode,
    Channel? Channel,
    [property: Required] string? Title,
    [property: Required] string? Body,
    [property: Required] PetitionerBody? Petitioner,
    DateTimeOffset? ReceivedAt,
    IReadOnlyList<AttachmentBody>? Attachments,
    int? SignerCount,
    int? HouseholdCount,
    int? Copies = null,
    string? PriorExaminationReceiptNumber = null);

/// <summary>Body of POST /petitions/{id}/actions/{trigger}: the inputs the definition names, and optionally the version read.</summary>
public sealed record ActionBody : TriggerInputs
{
    public uint? Version { get; init; }
}

public sealed record TokenBody([property: Required] string? Username, [property: Required] string? Password);

public sealed record ReassignBody([property: Required] IReadOnlyList<long>? PetitionIds, [property: Required] Guid? AssigneeId, string? Reason);

public sealed record RevealBody([property: Required] string? Reason);
