using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Open311;

/// <summary>A GeoReport v2 service: a non-legal kind (or sub-kind) or a legal affair of the treatment standards.</summary>
public sealed record Open311ServiceType(string Code, string Name, string Description, string Group, string Keywords, PetitionKind Kind, string? SubKind, string? AffairCode);

/// <summary>What a GeoReport v2 POST carries (form fields of the specification).</summary>
public sealed record Open311Submission(
    string? JurisdictionId, string? ServiceCode, string? Description, string? AddressString, string? Lat, string? Long,
    string? Email, string? FirstName, string? LastName, string? Phone);

/// <summary>A request as GeoReport v2 answers it: public fields only, never the petitioner or the body.</summary>
public sealed record Open311Status(
    string ServiceRequestId, string Status, string StatusNotes, string ServiceName, string ServiceCode, string AgencyResponsible,
    DateTimeOffset RequestedDatetime, DateTimeOffset UpdatedDatetime, DateTimeOffset? ExpectedDatetime);

/// <summary>One error of Open311's own error format (an HTTP status code and a description).</summary>
public sealed record Open311Error(int Code, string Description);

/// <summary>The answer to a POST: the service request id (the receipt number) and its notice.</summary>
public sealed record Open311Receipt(string ServiceRequestId, string ServiceNotice);

/// <summary>The filters of GET requests (the specification's optional arguments).</summary>
public sealed record Open311Query(IReadOnlyList<string>? Ids, IReadOnlyList<string>? ServiceCodes, DateTimeOffset? Start, DateTimeOffset? End, bool? Open);

/// <summary>
/// Open311 GeoReport v2 over the petition service (decision 022): services from the non-legal workflow kinds and the
/// treatment standards; POST into the same <see cref="PetitionIntake"/> as /api/v1 under the channel key; reads only
/// the key's own requests, and only public fields (policy open311-public-fields).
/// </summary>
public sealed class Open311Service(TreatmentDbContext db, PetitionIntake intake, WorkflowCatalog catalog, TimeProvider time)
{
    /// <summary>The specification's default window of GET requests and its largest answer.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(90);

    public const int MaxResults = 1000;

    private static readonly PetitionKind[] NonLegalKinds = [PetitionKind.Inquisitive, PetitionKind.Recommendatory, PetitionKind.Grievance, PetitionKind.Other];

    /// <summary>
    /// The service list: each non-legal kind (per sub-kind where its period depends on one), then the legal affairs
    /// whose law requires no resident registration number (Open311 has no field for one; policy open311-services).
    /// </summary>
    public async Task<IReadOnlyList<Open311ServiceType>> ServicesAsync(CancellationToken ct)
    {
        var services = new List<Open311ServiceType>();
        foreach (var kind in NonLegalKinds)
        {
            var definition = catalog.Latest(PetitionIntake.WorkflowIdOf(kind));
            var group = $"{definition.Title.Ko} ({definition.Title.En})";
            if (definition.Period.SubKinds.IsDefaultOrEmpty)
            {
                services.Add(new(definition.Id, group, $"처리기간 {definition.Period.Fixed} · {definition.Basis}", group, definition.Basis, kind, null, null));
                continue;
            }

            foreach (var sub in definition.Period.SubKinds)
            {
                services.Add(new($"{definition.Id}-{sub.Name}", $"{sub.Title.Ko} ({sub.Title.En})", $"처리기간 {sub.Period} · {sub.Basis}", group, sub.Basis, kind, sub.Name, null));
            }
        }

        var legal = catalog.Latest(PetitionIntake.WorkflowIdOf(PetitionKind.Legal));
        var legalGroup = $"{legal.Title.Ko} ({legal.Title.En})";
        var affairs = await db.Affairs.AsNoTracking().Where(a => !a.RequiresResidentNumber && a.PeriodUnit != null).OrderBy(a => a.Code).ToListAsync(ct);
        services.AddRange(affairs.Select(a => new Open311ServiceType(a.Code, $"{a.NameKo} ({a.NameEn})",
            $"처리기간 {a.Period} · 구비서류: {a.RequiredDocumentsKo} · 수수료: {a.Fee}", legalGroup, a.Statute, PetitionKind.Legal, null, a.Code)));
        return services;
    }

    public async Task<Open311ServiceType?> ServiceAsync(string code, CancellationToken ct) =>
        (await ServicesAsync(ct)).FirstOrDefault(s => string.Equals(s.Code, code, StringComparison.Ordinal));

    /// <summary>
    /// Receives a request as a petition of the jurisdiction (the agency code) through the one intake, under the key's
    /// default channel, and remembers the key that sent it, in one transaction.
    /// </summary>
    public async Task<(Open311Receipt? Receipt, IReadOnlyList<Open311Error> Errors)> SubmitAsync(int channelKeyId, Channel channel, Actor actor, Open311Submission submission, CancellationToken ct)
    {
        var errors = new List<Open311Error>();
        if (string.IsNullOrWhiteSpace(submission.JurisdictionId))
        {
            errors.Add(new(400, "jurisdiction_id was not provided (the agency code, e.g. SEOUL-JONGNO)"));
        }

        var service = string.IsNullOrWhiteSpace(submission.ServiceCode) ? null : await ServiceAsync(submission.ServiceCode.Trim(), ct);
        if (string.IsNullOrWhiteSpace(submission.ServiceCode))
        {
            errors.Add(new(400, "service_code was not provided"));
        }
        else if (service is null)
        {
            errors.Add(new(404, "service_code was not found"));
        }

        var location = Location(submission, errors);
        var name = PetitionerName(submission.FirstName, submission.LastName);
        if (name is null)
        {
            errors.Add(new(400, "first_name or last_name was not provided (a petitioner is named, Act §2(2))"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var description = submission.Description?.Trim() ?? "";
        var request = new IntakeRequest
        {
            Kind = service!.Kind,
            SubKind = service.SubKind,
            AffairCode = service.AffairCode,
            AgencyCode = submission.JurisdictionId!.Trim(),
            Channel = channel,
            Title = Title(service, description),
            Body = string.IsNullOrEmpty(location) ? description : $"{description}\n\n위치 (Location): {location}",
            Petitioner = new PetitionerDetails(name, Blank(submission.Phone), Blank(submission.Email), null),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await intake.ReceiveAsync(request, actor, null, ct);
        if (outcome.Error is { } error)
        {
            await transaction.RollbackAsync(ct);
            return (null, Errors(error));
        }

        var petition = outcome.Value!.Petition;
        db.Open311Requests.Add(new Open311Request { PetitionId = petition.Id, ChannelApiKeyId = channelKeyId, ServiceCode = service.Code, RequestedAt = petition.ReceivedAt });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var due = petition.DueAt is { } d ? d.ToOffset(DeadlineCalculator.KstOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";
        return (new Open311Receipt(petition.ReceiptNumber, $"접수번호 {petition.ReceiptNumber}, 처리기한 {due} (KST). Received; statutory due {due} KST."), []);
    }

    /// <summary>The key's own requests (newest first, at most <see cref="MaxResults"/>), by the specification's filters.</summary>
    public async Task<IReadOnlyList<Open311Status>> RequestsAsync(int channelKeyId, Open311Query query, CancellationToken ct)
    {
        var rows = db.Open311Requests.AsNoTracking().Where(r => r.ChannelApiKeyId == channelKeyId);
        if (query.Ids is { Count: > 0 } ids)
        {
            rows = rows.Where(r => db.Petitions.Any(p => p.Id == r.PetitionId && ids.Contains(p.ReceiptNumber)));
        }
        else
        {
            var end = query.End ?? time.GetUtcNow();
            var start = query.Start ?? end - DefaultWindow;
            rows = rows.Where(r => r.RequestedAt >= start.ToUniversalTime() && r.RequestedAt <= end.ToUniversalTime());
        }

        if (query.ServiceCodes is { Count: > 0 } codes)
        {
            rows = rows.Where(r => codes.Contains(r.ServiceCode));
        }

        var joined = rows.Join(db.Petitions, r => r.PetitionId, p => p.Id, (r, p) => new { r.ServiceCode, p });
        if (query.Open is { } open)
        {
            joined = joined.Where(x => x.p.IsOpen == open);
        }

        var found = await joined.OrderByDescending(x => x.p.ReceivedAt).Take(MaxResults)
            .Select(x => new { x.ServiceCode, x.p.ReceiptNumber, x.p.IsOpen, x.p.State, x.p.WorkflowId, x.p.WorkflowVersion, x.p.ReceivedAt, x.p.UpdatedAt, x.p.DueAt, Agency = x.p.Agency!.NameKo, Department = x.p.Department!.NameKo })
            .ToListAsync(ct);
        var services = (await ServicesAsync(ct)).ToDictionary(s => s.Code, StringComparer.Ordinal);
        return found.Select(x =>
        {
            var state = CodeTitles.State(catalog.TryGet(x.WorkflowId, x.WorkflowVersion), x.State, catalog);
            return new Open311Status(x.ReceiptNumber, x.IsOpen ? "open" : "closed", $"{state.Ko} ({state.En})",
                services.GetValueOrDefault(x.ServiceCode)?.Name ?? x.ServiceCode, x.ServiceCode,
                x.Department is null ? x.Agency : $"{x.Agency} {x.Department}", Kst(x.ReceivedAt), Kst(x.UpdatedAt), x.DueAt is { } due ? Kst(due) : null);
        }).ToList();
    }

    private static DateTimeOffset Kst(DateTimeOffset instant) => instant.ToOffset(DeadlineCalculator.KstOffset);

    /// <summary>Intake's refusals in Open311's format: one error per field, 403 for scope, 400 otherwise.</summary>
    private static List<Open311Error> Errors(PetitionError error)
    {
        var code = error.Kind switch { PetitionErrorKind.Forbidden => 403, PetitionErrorKind.NotFound => 404, _ => 400 };
        if (error.Fields is { Count: > 0 } fields)
        {
            return fields.SelectMany(f => f.Value.Select(m => new Open311Error(code, $"{Open311Field(f.Key)}: {m}"))).ToList();
        }

        return [new(code, $"{error.Message.Ko} ({error.Message.En})")];
    }

    /// <summary>Intake's field names as the Open311 client sent them.</summary>
    private static string Open311Field(string field) => field switch
    {
        "agencyCode" => "jurisdiction_id",
        "petitioner.name" => "first_name/last_name",
        "petitioner.phone" => "phone",
        "petitioner.email" => "email",
        "body" => "description",
        "title" => "service_code",
        _ => field,
    };

    /// <summary>A location is required (lat and long, or address_string); lat/long must be WGS84 numbers.</summary>
    private static string? Location(Open311Submission s, List<Open311Error> errors)
    {
        var hasLat = !string.IsNullOrWhiteSpace(s.Lat);
        var hasLong = !string.IsNullOrWhiteSpace(s.Long);
        var address = Blank(s.AddressString);
        if (hasLat != hasLong || (!hasLat && address is null))
        {
            errors.Add(new(400, "lat and long, or address_string, was not provided"));
            return null;
        }

        if (!hasLat)
        {
            return address;
        }

        if (!double.TryParse(s.Lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || lat is < -90 or > 90
            || !double.TryParse(s.Long, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || lon is < -180 or > 180)
        {
            errors.Add(new(400, "lat or long is not a WGS84 coordinate"));
            return null;
        }

        var point = string.Create(CultureInfo.InvariantCulture, $"{lat:0.######}, {lon:0.######}");
        return address is null ? point : $"{address} ({point})";
    }

    /// <summary>Korean names put the family name first without a space; others are "first last" (policy open311-petitioner-name).</summary>
    internal static string? PetitionerName(string? first, string? last)
    {
        var (f, l) = (Blank(first), Blank(last));
        if (f is null || l is null)
        {
            return f ?? l;
        }

        return IsHangul(f) && IsHangul(l) ? l + f : $"{f} {l}";
    }

    private static bool IsHangul(string text) => text.All(c => c is >= '\uAC00' and <= '\uD7A3');

    private static string Title(Open311ServiceType service, string description)
    {
        var first = description.Split('\n', 2)[0].Trim();
        var title = first.Length == 0 ? service.Name : first;
        return title.Length <= 100 ? title : title[..100];
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
