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
    string? PriorExaminationReceiptNumber = null,
    bool? RosterReceived = null,
    IReadOnlyList<RepresentativeBody>? Representatives = null);

/// <summary>A representative of a joint petition (Decree §8: at most three).</summary>
public sealed record RepresentativeBody([property: Required] string? Name, string? Phone, string? Address);

/// <summary>Body of PUT /petitions/{id}/roster: the signer roster of a joint petition (Act §24①).</summary>
/// <param name="RosterReceivedAt">when the original signature roster was received; none: not yet</param>
public sealed record RosterBody([property: Required] int? SignerCount, [property: Required] int? HouseholdCount, DateTimeOffset? RosterReceivedAt, string? Reason);

/// <summary>Body of PUT /petitions/{id}/representatives (Decree §8).</summary>
/// <param name="ChosenBy">petitioners (default) or agency (the signers chose none within the period)</param>
public sealed record RepresentativesBody([property: Required] IReadOnlyList<RepresentativeBody>? Representatives, Treatment.Core.Petitions.ManyPerson.RepresentativeChoice? ChosenBy);

/// <summary>Body of POST /petitions/{id}/merge: petitions of the same purpose merged into this one (Decree §6⑥).</summary>
public sealed record MergeBody([property: Required] IReadOnlyList<long>? PetitionIds, [property: Required] string? Reason);

/// <summary>Body of POST /petitions/{id}/actions/{trigger}: the inputs the definition names, and optionally the version read.</summary>
public sealed record ActionBody : TriggerInputs
{
    public uint? Version { get; init; }
}

public sealed record TokenBody([property: Required] string? Username, [property: Required] string? Password);

public sealed record ReassignBody([property: Required] IReadOnlyList<long>? PetitionIds, [property: Required] Guid? AssigneeId, string? Reason);

public sealed record RevealBody([property: Required] string? Reason);
