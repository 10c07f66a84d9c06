using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Channels;
using Treatment.Core.Notices;
using Treatment.Core.Persistence;
using Treatment.Core.Security;
using Treatment.Core.Workflows;

namespace Treatment.Core.Petitions;

/// <summary>
/// Receives petitions: idempotency, validation, routing, the period, the resident-number rule, the receipt number, the
/// newest workflow of the kind, and the automatic transitions on receipt; also opens the copy of a transferred
/// petition at its target agency. Every change goes through <see cref="PetitionChange"/>.
/// </summary>
public sealed class PetitionIntake(
    TreatmentDbContext db,
    WorkflowCatalog catalog,
    PetitionChange change,
    NoticeIssuer notices,
    RoutingTable routing,
    PersonalDataProtector personalData,
    AgencyDirectory agencies,
    ReceiptAllocator receipts,
    PetitionChangeWriter writer,
    TimeProvider time,
    Assignment.Distribution distribution,
    Documents.DocumentIssuer documents)
{
    private const int MaxAutomaticTransitions = 4;

    /// <summary>The workflow folder of a kind: its name in kebab case (legal, prior-examination).</summary>
    public static string WorkflowIdOf(PetitionKind kind) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    /// <summary>
    /// Receives a petition from a channel system or an official: validates it, routes it, numbers it, pins the newest
    /// workflow of its kind, starts the clock, applies the definition's automatic transitions (registration, immediate
    /// issuance), audits, renders notices and plans the next milestone — in one transaction.
    /// </summary>
    public async Task<PetitionResult<IntakeOutcome>> ReceiveAsync(IntakeRequest request, Actor actor, IdempotencyKey? idempotency = null, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        if (idempotency is not null && await ReplayAsync(idempotency, ct) is { } replay)
        {
            return replay;
        }

        var fields = IntakeValidator.Validate(request, now);
        if (fields.Count > 0)
        {
            return PetitionError.Invalid(fields);
        }

        var agency = await agencies.ByCodeAsync(db, request.AgencyCode, ct);
        if (agency is null)
        {
            return PetitionError.Invalid("agencyCode", "알 수 없는 기관 코드입니다. (unknown agency code)");
        }

        if (!PetitionScope.MayRegisterFor(actor, agency.Id))
        {
            return new PetitionError(PetitionErrorKind.Forbidden, "out-of-scope", new LocalizedText("이 기관의 민원을 접수할 권한이 없습니다.", "You may not register petitions for this agency."));
        }

        CivilAffair? affair = null;
        if (request.Kind is PetitionKind.Legal or PetitionKind.PriorExamination)
        {
            affair = await db.Affairs.AsNoTracking().FirstOrDefaultAsync(a => a.Code == request.AffairCode, ct);
            if (affair is null)
            {
                return PetitionError.Invalid("affairCode", "민원처리기준표에 없는 사무입니다. (unknown affair code)");
            }
        }

        var definition = catalog.Latest(WorkflowIdOf(request.Kind));
        var period = IntakeRules.PeriodFor(definition, request, affair);
        if (period.Error is { } periodError)
        {
            return periodError;
        }

        period = (IntakeRules.WithBulkCertificates(period.Value, request.Copies), null);

        if (IntakeRules.ResidentNumberError(request, affair) is { } rrnError)
        {
            return rrnError;
        }

        var prior = await PriorExaminationLink.ResolveAsync(db, request, agency.Id, affair, ct);
        if (prior.Error is { } priorError)
        {
            return priorError;
        }

        var department = IntakeRules.RouteTo(agency, affair, routing);
        var receivedAt = (request.ReceivedAt ?? now).ToUniversalTime();
        var year = PetitionClock.KoreanDate(receivedAt).Year;
        var allocation = await receipts.AllocateAsync(agency.Id, year, department.Id, ct);
        var (petitionId, sequence) = (allocation.Id, allocation.Sequence);
        var petition = new Petition
        {
            Id = petitionId,
            ReceiptNumber = string.Create(CultureInfo.InvariantCulture, $"{year}-{agency.Code}-{sequence:D6}"),
            ReceiptYear = year,
            ReceiptSequence = sequence,
            Kind = request.Kind,
            SubKind = request.SubKind,
            AffairId = affair?.Id,
            Channel = request.Channel,
            Title = request.Title.Trim(),
            Body = request.Body,
            PetitionerName = request.Petitioner.Name!.Trim(),
            PetitionerPhone = request.Petitioner.Phone,
            PetitionerEmail = request.Petitioner.Email,
            PetitionerAddress = request.Petitioner.Address,
            NoticeChannel = request.Petitioner.NoticeChannel,
            PetitionerRrnCipher = request.Petitioner.ResidentNumber is { } rrn ? personalData.Encrypt(rrn) : null,
            PetitionerRrnKeyId = request.Petitioner.ResidentNumber is null ? null : personalData.CurrentKeyId,
            PetitionerRrnMasked = request.Petitioner.ResidentNumber is { } rrn2 ? PersonalDataProtector.MaskResidentNumber(rrn2) : null,
            LookupCodeCipher = personalData.Encrypt(StatusLookupCodes.New()),
            ArrivedAt = now,
            ReceivedAt = receivedAt,
            AgencyId = agency.Id,
            DepartmentId = department.Id,
            WorkflowId = definition.Id,
            WorkflowVersion = definition.Version,
            State = definition.InitialState,
            ClockState = ClockState.Stopped,
            PeriodUnit = period.Value.Unit,
            PeriodValue = period.Value.Value,
            SignerCount = request.SignerCount,
            HouseholdCount = request.HouseholdCount,
            PriorExaminationId = prior.Examination?.Id,
            RosterReceivedAt = request.RosterReceived ? receivedAt : null,
            CreatedAt = now,
            UpdatedAt = now,
        };

        var work = new PetitionWork(petition, definition, agency, affair, now) { DocumentSlot = await documents.PrepareAsync(definition, agency, affair, now, ct) };
        var received = new ReceivedData(request.Channel.ToString(), department.Code, affair?.Code, period.Value.ToString(), request.Attachments.Count > 0 ? request.Attachments : null, null)
        {
            PriorExamination = prior.Examination?.ReceiptNumber,
            CarriedFromPriorExamination = prior.Carried,
        };
        // The department's distribution policy picks the official, saved with the routing (decision 011).
        var assignee = allocation.DepartmentDistributes ? await distribution.ChooseAsync(department.Id, request.Kind, affair?.Id, ct) : null;
        if (Open(work, actor, received, assignee) is { } openError)
        {
            return openError;
        }

        db.Petitions.Add(petition);
        db.PetitionEvents.AddRange(work.Events);
        if (work.Assignment is { } assigned)
        {
            db.PetitionEvents.Add(assigned); // assignment: audited outside the report facts
        }

        await db.Notices.AddRangeAsync(work.Notices, ct); // async: a new block of outbox ids may be fetched
        db.IssuedDocuments.AddRange(work.Documents);
        db.PetitionRepresentatives.AddRange(ManyPerson.ManyPersonService.Rows(petition.Id, request.Representatives, ManyPerson.RepresentativeChoice.Petitioners, now));
        if (idempotency is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                ChannelApiKeyId = idempotency.ChannelApiKeyId,
                Key = idempotency.Key,
                RequestHash = idempotency.RequestHash,
                PetitionId = petition.Id,
                CreatedAt = now,
            });
        }

        try
        {
            await writer.SaveAsync(work.Events.Select(e => (petition, e)), ct);
        }
        catch (DbUpdateException ex) when (idempotency is not null && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same key arrived twice at once: the first insert won; answer as its replay.
            db.ChangeTracker.Clear();
            if (await ReplayAsync(idempotency, ct) is { } raced)
            {
                return raced;
            }

            throw;
        }

        return new IntakeOutcome(petition, Replayed: false, work.Events, work.Notices) { Documents = work.Documents };
    }

    /// <summary>
    /// A transferred petition arrives at the target agency as a new petition there (Act §16, Decree §13③), received
    /// now, linked to the original, with its own receipt number, clock and automatic transitions. Added to the
    /// context, not saved; null when the target is unknown or the source's own agency.
    /// </summary>
    internal async Task<PetitionWork?> TransferCopyAsync(Petition source, string? targetCode, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (targetCode is null || await agencies.ByCodeAsync(db, targetCode.Trim(), ct) is not { } target || target.Id == source.AgencyId)
        {
            return null;
        }

        var affair = source.AffairId is { } affairId ? await db.Affairs.AsNoTracking().FirstOrDefaultAsync(a => a.Id == affairId, ct) : null;
        var definition = catalog.Latest(source.WorkflowId);
        var department = IntakeRules.RouteTo(target, affair, routing);
        var year = PetitionClock.KoreanDate(now).Year;
        var allocation = await receipts.AllocateAsync(target.Id, year, department.Id, ct);
        var (id, sequence) = (allocation.Id, allocation.Sequence);
        var copy = new Petition
        {
            Id = id,
            ReceiptNumber = string.Create(CultureInfo.InvariantCulture, $"{year}-{target.Code}-{sequence:D6}"),
            ReceiptYear = year,
            ReceiptSequence = sequence,
            Kind = source.Kind,
            SubKind = source.SubKind,
            AffairId = source.AffairId,
            Channel = source.Channel,
            Title = source.Title,
            Body = source.Body,
            PetitionerName = source.PetitionerName,
            PetitionerPhone = source.PetitionerPhone,
            PetitionerEmail = source.PetitionerEmail,
            PetitionerAddress = source.PetitionerAddress,
            NoticeChannel = source.NoticeChannel,
            PetitionerRrnCipher = source.PetitionerRrnCipher,
            PetitionerRrnKeyId = source.PetitionerRrnKeyId,
            PetitionerRrnMasked = source.PetitionerRrnMasked,
            LookupCodeCipher = personalData.Encrypt(StatusLookupCodes.New()),
            ArrivedAt = now,
            ReceivedAt = now,
            AgencyId = target.Id,
            DepartmentId = department.Id,
            WorkflowId = definition.Id,
            WorkflowVersion = definition.Version,
            State = definition.InitialState,
            ClockState = ClockState.Stopped,
            PeriodUnit = source.PeriodUnit,
            PeriodValue = source.PeriodValue,
            SignerCount = source.SignerCount,
            HouseholdCount = source.HouseholdCount,
            TransferredFromPetitionId = source.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var work = new PetitionWork(copy, definition, target, affair, now);
        var received = new ReceivedData(source.Channel.ToString(), department.Code, affair?.Code, source.Period.ToString(), null, null) { TransferredFrom = source.ReceiptNumber };
        // The target department's distribution policy picks the official (decision 011).
        var assignee = allocation.DepartmentDistributes ? await distribution.ChooseAsync(department.Id, source.Kind, source.AffairId, ct) : null;
        return Open(work, actor, received, assignee) is null ? work : null;
    }

    /// <summary>
    /// Starts a new petition: the clock when its first state runs, the "received" event, then the automatic
    /// transitions the system may take on receipt (registration, immediate issuance), in order; then the official the
    /// department's policy chose, if any, through the change path.
    /// </summary>
    private PetitionError? Open(PetitionWork work, Actor actor, ReceivedData received, Guid? assignee)
    {
        var (petition, definition, now) = (work.Petition, work.Definition, work.Now);
        var opened = change.Open(petition, definition, actor, received, now);
        if (opened.Error is { } openError)
        {
            return openError;
        }

        work.Events.Add(opened.Value!);
        for (var i = 0; i < MaxAutomaticTransitions; i++)
        {
            var machine = new PetitionMachine(definition);
            var automatic = machine.PermittedTriggers(PetitionClock.Facts(petition, change.Clock, now), [WorkflowRole.System])
                .Select(a => definition.TransitionsFrom(petition.State).First(t => t.Trigger == a.Trigger))
                .FirstOrDefault(t => !t.Stays && t.Inputs.Length == 0);
            if (automatic is null)
            {
                break;
            }

            var fired = machine.Fire(PetitionClock.Facts(petition, change.Clock, now), automatic.Trigger, TriggerInputs.Empty, [WorkflowRole.System]);
            if (fired.Error is { } refused)
            {
                return PetitionErrors.FromWorkflow(refused);
            }

            if (work.Apply(change, notices, fired.Result!, TriggerInputs.Empty, Actor.System, atIntake: true) is { } error)
            {
                return error;
            }
        }

        petition.Overdue = petition.IsOpen && petition.ClockState == ClockState.Running && petition.DueAt < now;
        if (assignee is { } chosen)
        {
            work.Assignment = change.Reassign(petition, definition, chosen, petition.DepartmentId, null, Actor.System, now, PetitionEventTypes.Assigned); // replans too
        }
        else
        {
            change.Replan(petition, definition, now);
        }

        return null;
    }

    private async Task<PetitionResult<IntakeOutcome>?> ReplayAsync(IdempotencyKey key, CancellationToken ct)
    {
        var record = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ChannelApiKeyId == key.ChannelApiKeyId && r.Key == key.Key, ct);
        if (record is null)
        {
            return null;
        }

        if (!string.Equals(record.RequestHash, key.RequestHash, StringComparison.OrdinalIgnoreCase))
        {
            return (PetitionResult<IntakeOutcome>)new PetitionError(PetitionErrorKind.Conflict, "idempotency-key-reused",
                new LocalizedText("같은 Idempotency-Key가 다른 내용의 요청에 이미 쓰였습니다.", "This Idempotency-Key was already used with a different request body."));
        }

        var petition = await db.Petitions.AsNoTracking().FirstAsync(p => p.Id == record.PetitionId, ct);
        return (PetitionResult<IntakeOutcome>)new IntakeOutcome(petition, Replayed: true);
    }
}
