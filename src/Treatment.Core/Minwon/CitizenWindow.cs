using Treatment.Core.Agencies;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Minwon;

/// <summary>An e-Application as the citizen window takes it.</summary>
public sealed record CitizenApplication(
    string AffairCode,
    string AgencyCode,
    string Title,
    string Body,
    string Name,
    string? Phone,
    string? Email,
    string? Address,
    string? ResidentNumber,
    string OneTimeCode);

/// <summary>A package application as the citizen window takes it.</summary>
public sealed record CitizenPackageApplication(
    string PackageCode,
    IReadOnlyList<Packages.PackageItemRequest> Items,
    string? Body,
    string Name,
    string? Phone,
    string? Email,
    string? Address,
    string? ResidentNumber,
    string OneTimeCode);

/// <summary>
/// The citizen window (/minwon) applies as the online-portal channel through the same intake as the API
/// (<see cref="PetitionIntake"/>: validation, routing, period, resident-number rule, immediate issuance), in process,
/// after the identity verification a document about a person requires.
/// </summary>
public sealed class CitizenWindow(PetitionIntake intake, IIdentityVerifier identity, Packages.PackageIntake packages)
{
    /// <summary>The window acts as a channel system does: it may register petitions, and sees none in the back office.</summary>
    public static Actor Actor { get; } = new(null, "민원24 창구 (citizen window)", new HashSet<string> { PetitionScope.ChannelRole }, null, null);

    public bool DemoIdentity => identity.IsDemo;

    public async Task<PetitionResult<IntakeOutcome>> ApplyAsync(CitizenApplication application, CancellationToken ct)
    {
        var check = await identity.VerifyAsync(new IdentityClaim(application.Name, application.Phone, application.ResidentNumber, application.OneTimeCode ?? ""), ct);
        if (!check.Verified)
        {
            return PetitionError.Invalid("oneTimeCode", $"{check.Refusal!.Ko} ({check.Refusal.En})");
        }

        var request = new IntakeRequest
        {
            Kind = PetitionKind.Legal,
            AffairCode = application.AffairCode,
            AgencyCode = application.AgencyCode,
            Channel = Channel.OnlinePortal,
            Title = application.Title ?? "",
            Body = application.Body ?? "",
            Petitioner = new PetitionerDetails(application.Name, Blank(application.Phone), Blank(application.Email), Blank(application.Address), Blank(application.ResidentNumber)),
        };
        return await intake.ReceiveAsync(request, Actor, idempotency: null, ct);
    }

    /// <summary>A package (decision 021): the same identity check, then a child petition per chosen affair.</summary>
    public async Task<PetitionResult<Packages.PackageOutcome>> ApplyForPackageAsync(CitizenPackageApplication application, CancellationToken ct)
    {
        var check = await identity.VerifyAsync(new IdentityClaim(application.Name, application.Phone, Blank(application.ResidentNumber), application.OneTimeCode ?? ""), ct);
        if (!check.Verified)
        {
            return PetitionError.Invalid("oneTimeCode", $"{check.Refusal!.Ko} ({check.Refusal.En})");
        }

        var request = new Packages.PackageRequest(
            application.PackageCode,
            new PetitionerDetails(application.Name, Blank(application.Phone), Blank(application.Email), Blank(application.Address), Blank(application.ResidentNumber)),
            application.Items,
            Channel.OnlinePortal,
            Blank(application.Body));
        return await packages.ReceiveAsync(request, Actor, channelKeyId: null, ct);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
