using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Web.Api;

public sealed record PetitionerBody(string? Name, string? Phone, string? Email, string? Address, string? ResidentNumber);

public sealed record AttachmentBody(string? FileName, string? ContentType, long? Size);

/// <summary>Body of POST /petitions (issue 6 §2). Enums are kebab-case: legal, inquisitive, …; online-portal, e-window, visit, …</summary>
public sealed record IntakeBody(
    PetitionKind? Kind,
    string? SubKind,
    string? AffairCode,
    string? AgencyCode,
    Channel? Channel,
    string? Title,
    string? Body,
    PetitionerBody? Petitioner,
    DateTimeOffset? ReceivedAt,
    IReadOnlyList<AttachmentBody>? Attachments,
    int? SignerCount,
    int? HouseholdCount);

/// <summary>Body of POST /petitions/{id}/actions/{trigger}: the inputs the definition names, and optionally the version read.</summary>
public sealed record ActionBody : TriggerInputs
{
    public uint? Version { get; init; }
}

public sealed record TokenBody(string? Username, string? Password);

public sealed record ReassignBody(IReadOnlyList<long>? PetitionIds, Guid? AssigneeId, string? Reason);

public sealed record RevealBody(string? Reason);
