using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Channels;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Notices;
using Treatment.Core.Persistence;
using Treatment.Core.Reports;
using Treatment.Core.Security;
using Treatment.Core.Workflows;

namespace Treatment.Core.Petitions;

/// <summary>A petitioner's personal data shown in full to an official, after the reveal was logged.</summary>
public sealed record RevealedPersonalData(long PetitionId, string Name, string? Phone, string? Email, string? Address, string? ResidentNumber);

/// <summary>
/// The only code that changes a petition (architecture: "One state change, end to end"): intake, transitions,
/// reassignment and the logged reveal of personal data. Each call is one SaveChanges, so one transaction; refusals are
/// <see cref="PetitionError"/> results, mapped to problem details at the edge.
/// </summary>
public sealed class PetitionService(
    TreatmentDbContext db,
    WorkflowCatalog catalog,
    IDeadlineCalculator clock,
    IMilestonePlanner planner,
    NoticeRenderer notices,
    RoutingTable routing,
    PersonalDataProtector personalData,
    AgencyDirectory agencies,
    RollupWriter rollups,
    TimeProvider time)
{
    private const int MaxAutomaticTransitions = 4;

    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

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
        if (request.Kind == PetitionKind.Legal)
        {
            affair = await db.Affairs.AsNoTracking().FirstOrDefaultAsync(a => a.Code == request.AffairCode, ct);
            if (affair is null)
            {
                return PetitionError.Invalid("affairCode", "민원처리기준표에 없는 사무입니다. (unknown affair code)");
            }
        }

        var definition = catalog.Latest(WorkflowIdOf(request.Kind));
        var period = PeriodFor(definition, request, affair);
        if (period.Error is { } periodError)
        {
            return periodError;
        }

        if (ResidentNumberError(request, affair) is { } rrnError)
        {
            return rrnError;
        }

        var department = RouteTo(agency, affair);
        var receivedAt = (request.ReceivedAt ?? now).ToUniversalTime();
        var (petitionId, sequence) = await AllocateAsync(agency.Id, PetitionClock.KoreanDate(receivedAt).Year, ct);
        var year = PetitionClock.KoreanDate(receivedAt).Year;
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
            PetitionerRrnCipher = request.Petitioner.ResidentNumber is { } rrn ? personalData.Encrypt(rrn) : null,
            PetitionerRrnKeyId = request.Petitioner.ResidentNumber is null ? null : personalData.CurrentKeyId,
            PetitionerRrnMasked = request.Petitioner.ResidentNumber is { } rrn2 ? PersonalDataProtector.MaskResidentNumber(rrn2) : null,
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
            CreatedAt = now,
            UpdatedAt = now,
        };

        var work = new Work(petition, definition, agency, affair, now);
        var received = new ReceivedData(request.Channel.ToString(), department.Code, affair?.Code, period.Value.ToString(), request.Attachments.Count > 0 ? request.Attachments : null, null);
        if (Open(work, actor, received) is { } openError)
        {
            return openError;
        }

        db.Petitions.Add(petition);
        db.PetitionEvents.AddRange(work.Events);
        db.Notices.AddRange(work.Notices);
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
            await SaveWithReportFactsAsync(work.Events.Select(e => (petition, e)).ToList(), ct);
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

        return new IntakeOutcome(petition, Replayed: false, work.Events, work.Notices);
    }

    /// <summary>
    /// Starts a new petition: the clock when its first state runs, the "received" event, then the automatic
    /// transitions the system may take on receipt (registration, immediate issuance), in order.
    /// </summary>
    private PetitionError? Open(Work work, Actor actor, ReceivedData received)
    {
        var (petition, definition, now) = (work.Petition, work.Definition, work.Now);
        if (definition.FindState(definition.InitialState)!.Clock == ClockBehaviour.Running)
        {
            petition.ClockState = ClockState.Running;
            petition.ClockStartedAt = petition.ReceivedAt;
            if (Recompute(work) is { } clockError)
            {
                return clockError;
            }

            petition.ClockGeneration = 1;
        }

        work.Events.Add(new PetitionEvent
        {
            PetitionId = petition.Id,
            At = now,
            Type = "received",
            ActorId = actor.UserId,
            ActorName = actor.Name,
            ToState = petition.State,
            WorkflowVersion = definition.Version,
            Data = JsonSerializer.Serialize(received with { Due = petition.DueAt }, EventJson),
        });

        for (var i = 0; i < MaxAutomaticTransitions; i++)
        {
            var machine = new PetitionMachine(definition);
            var automatic = machine.PermittedTriggers(PetitionClock.Facts(petition, clock, now), [WorkflowRole.System])
                .Select(a => definition.TransitionsFrom(petition.State).First(t => t.Trigger == a.Trigger))
                .FirstOrDefault(t => !t.Stays && t.Inputs.Length == 0);
            if (automatic is null)
            {
                break;
            }

            var fired = machine.Fire(PetitionClock.Facts(petition, clock, now), automatic.Trigger, TriggerInputs.Empty, [WorkflowRole.System]);
            if (fired.Error is { } refused)
            {
                return FromWorkflow(refused);
            }

            if (Apply(work, fired.Result!, TriggerInputs.Empty, Actor.System, atIntake: true) is { } error)
            {
                return error;
            }
        }

        petition.Overdue = petition.IsOpen && petition.ClockState == ClockState.Running && petition.DueAt < now;
        Plan(work);
        return null;
    }

    /// <summary>
    /// A transferred petition arrives at the target agency as a new petition there (Act §16, Decree §13③), received
    /// now, linked to the original, with its own receipt number, clock and automatic transitions.
    /// </summary>
    private async Task<Work?> TransferCopyAsync(Petition source, string? targetCode, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (targetCode is null || await agencies.ByCodeAsync(db, targetCode.Trim(), ct) is not { } target || target.Id == source.AgencyId)
        {
            return null;
        }

        var affair = source.AffairId is { } affairId ? await db.Affairs.AsNoTracking().FirstOrDefaultAsync(a => a.Id == affairId, ct) : null;
        var definition = catalog.Latest(source.WorkflowId);
        var department = RouteTo(target, affair);
        var year = PetitionClock.KoreanDate(now).Year;
        var (id, sequence) = await AllocateAsync(target.Id, year, ct);
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
            PetitionerRrnCipher = source.PetitionerRrnCipher,
            PetitionerRrnKeyId = source.PetitionerRrnKeyId,
            PetitionerRrnMasked = source.PetitionerRrnMasked,
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
        var work = new Work(copy, definition, target, affair, now);
        var received = new ReceivedData(source.Channel.ToString(), department.Code, affair?.Code, source.Period.ToString(), null, null) { TransferredFrom = source.ReceiptNumber };
        return Open(work, actor, received) is null ? work : null;
    }

    /// <summary>
    /// Fires a trigger on a petition for an actor: scope and role checks, guards, the clock effect, an audit event,
    /// the declared notices and the next milestone, in one transaction. A change made meanwhile by someone else
    /// (xmin, or <paramref name="expectedVersion"/> when given) is a conflict, never a lost update.
    /// </summary>
    public async Task<PetitionResult<Petition>> FireAsync(long petitionId, string trigger, TriggerInputs inputs, Actor actor, uint? expectedVersion = null, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var petition = await db.Petitions.FirstOrDefaultAsync(p => p.Id == petitionId, ct);
        if (petition is null || !PetitionScope.CanSee(petition, actor))
        {
            return PetitionError.NotFound();
        }

        if (expectedVersion is { } expected && expected != petition.Version)
        {
            return PetitionError.Concurrent();
        }

        if (InputError(inputs) is { } inputError)
        {
            return inputError;
        }

        var definition = catalog.Get(petition.WorkflowId, petition.WorkflowVersion);
        var machine = new PetitionMachine(definition);
        var outcome = machine.Fire(PetitionClock.Facts(petition, clock, now), trigger, inputs, PetitionClock.WorkflowRoles(actor));
        if (outcome.Error is { } refused)
        {
            return FromWorkflow(refused);
        }

        var result = outcome.Result!;
        Agency? agency = null;
        if (result.Notices.Count > 0)
        {
            agency = await agencies.ByIdAsync(db, petition.AgencyId, ct);
        }

        // A window obligation met late (the supplementation request after 8 working hours, Rule §9①) is a breach.
        var lateBreaches = planner is WorkflowMilestonePlanner fullPlanner
            ? LateFulfilment.Find(fullPlanner, petition, definition, result.Trigger, now)
            : [];
        var work = new Work(petition, definition, agency, null, now);
        if (result.Trigger == "transfer" && inputs.TransferTarget is { } targetCode && await agencies.ByCodeAsync(db, targetCode.Trim(), ct) is { } target)
        {
            work.TransferTargetName = target.NameKo;
        }

        if (result.Notices.Count > 0 && NeedsEarlierDecision(result, inputs))
        {
            work.EarlierDecision = await EarlierDecisionAsync(petition.Id, ct);
        }

        if (Apply(work, result, inputs, actor, atIntake: false) is { } error)
        {
            db.ChangeTracker.Clear();
            return error;
        }

        Plan(work);
        db.PetitionEvents.AddRange(work.Events);
        db.Notices.AddRange(work.Notices);
        foreach (var breach in lateBreaches)
        {
            if (!await db.ObligationBreaches.AnyAsync(b => b.PetitionId == breach.PetitionId && b.Obligation == breach.Obligation, ct))
            {
                db.ObligationBreaches.Add(breach);
            }
        }

        var recorded = work.Events.Select(e => (petition, e)).ToList();
        if (result.Trigger == "transfer" && await TransferCopyAsync(petition, inputs.TransferTarget, actor, now, ct) is { } copy)
        {
            db.Petitions.Add(copy.Petition);
            db.PetitionEvents.AddRange(copy.Events);
            db.Notices.AddRange(copy.Notices);
            recorded.AddRange(copy.Events.Select(e => (copy.Petition, e)));
        }

        try
        {
            await SaveWithReportFactsAsync(recorded, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return PetitionError.Concurrent();
        }

        return petition;
    }

    /// <summary>
    /// Saves the change with the report facts its events contribute, appended as rollup deltas in the same batch and
    /// transaction (decision 005), so the yearly report counts every change and a rolled-back change counts nothing.
    /// </summary>
    private async Task SaveWithReportFactsAsync(IReadOnlyCollection<(Petition Petition, PetitionEvent Event)> recorded, CancellationToken ct)
    {
        foreach (var (petition, recordedEvent) in recorded)
        {
            var closes = recordedEvent.Type == "transition" && recordedEvent.ToState is { } to
                && catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion)?.FindState(to)?.Terminal == true;
            rollups.AddDeltas(db, petition, recordedEvent, closes);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The triggers the actor may fire now, with the inputs each needs (the buttons on the page).</summary>
    public IReadOnlyList<PermittedAction> AllowedActions(Petition petition, Actor actor)
    {
        if (!PetitionScope.CanSee(petition, actor) || catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion) is not { } definition)
        {
            return [];
        }

        return new PetitionMachine(definition).PermittedTriggers(PetitionClock.Facts(petition, clock, time.GetUtcNow()), PetitionClock.WorkflowRoles(actor));
    }

    /// <summary>The due of the petition's current count with its explanation (null while the clock has not started).</summary>
    public Deadline? CurrentDeadline(Petition petition)
    {
        if (petition.ClockStartedAt is null || catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion) is not { } definition)
        {
            return null;
        }

        return PetitionClock.Due(petition, definition, clock).Value;
    }

    /// <summary>Loads a petition the actor may see, untracked; null when unknown or out of scope.</summary>
    public Task<Petition?> FindAsync(long petitionId, Actor actor, CancellationToken ct = default) =>
        db.Petitions.AsNoTracking().VisibleTo(actor).FirstOrDefaultAsync(p => p.Id == petitionId, ct);

    /// <summary>
    /// Assigns one or many open petitions to an official of the same agency (supervisors and admins), audited per
    /// petition; the department follows the assignee. All or none.
    /// </summary>
    public async Task<PetitionResult<int>> ReassignAsync(IReadOnlyCollection<long> petitionIds, Guid assigneeId, string? reason, Actor actor, CancellationToken ct = default)
    {
        if (!PetitionScope.MayReassign(actor))
        {
            return new PetitionError(PetitionErrorKind.Forbidden, "role-not-allowed", new LocalizedText("재배정은 과장(팀장) 또는 관리자만 할 수 있습니다.", "Only supervisors and admins may reassign petitions."));
        }

        if (petitionIds.Count == 0 || petitionIds.Count > 500)
        {
            return PetitionError.Invalid("petitionIds", "1~500건을 고르십시오. (choose 1 to 500 petitions)");
        }

        if (reason is not null && TextRules.Check(reason, IntakeLimits.Reason, multiline: true, required: false) is { } reasonError)
        {
            return PetitionError.Invalid("reason", reasonError);
        }

        var assignee = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == assigneeId && u.IsActive, ct);
        if (assignee is null || assignee.AgencyId != actor.AgencyId)
        {
            return PetitionError.Invalid("assigneeId", "같은 기관의 재직 중인 담당자를 고르십시오. (choose an active official of your agency)");
        }

        var ids = petitionIds.Distinct().ToList();
        var petitions = await db.Petitions.VisibleTo(actor).Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        if (petitions.Count != ids.Count)
        {
            return PetitionError.NotFound();
        }

        if (petitions.FirstOrDefault(p => !p.IsOpen) is { } closed)
        {
            return new PetitionError(PetitionErrorKind.IllegalTrigger, "petition-closed", new LocalizedText($"종결된 민원({closed.ReceiptNumber})은 재배정할 수 없습니다.", $"A closed petition ({closed.ReceiptNumber}) cannot be reassigned."));
        }

        var now = time.GetUtcNow().ToUniversalTime();
        foreach (var petition in petitions)
        {
            var data = JsonSerializer.Serialize(new { fromAssignee = petition.AssigneeId, toAssignee = assignee.Id, fromDepartment = petition.DepartmentId, toDepartment = assignee.DepartmentId ?? petition.DepartmentId }, EventJson);
            petition.AssigneeId = assignee.Id;
            petition.DepartmentId = assignee.DepartmentId ?? petition.DepartmentId;
            petition.UpdatedAt = now;
            Plan(new Work(petition, catalog.Get(petition.WorkflowId, petition.WorkflowVersion), null, null, now));
            db.PetitionEvents.Add(new PetitionEvent
            {
                PetitionId = petition.Id,
                At = now,
                Type = "reassigned",
                ActorId = actor.UserId,
                ActorName = actor.Name,
                FromState = petition.State,
                ToState = petition.State,
                Reason = reason,
                Data = data,
                WorkflowVersion = petition.WorkflowVersion,
            });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return PetitionError.Concurrent();
        }

        return petitions.Count;
    }

    /// <summary>Shows a petitioner's personal data in full (resident number decrypted) to a role that may see it; every reveal is an audit event with its reason.</summary>
    public async Task<PetitionResult<RevealedPersonalData>> RevealPersonalDataAsync(long petitionId, string reason, Actor actor, CancellationToken ct = default)
    {
        var petition = await db.Petitions.AsNoTracking().VisibleTo(actor).FirstOrDefaultAsync(p => p.Id == petitionId, ct);
        if (petition is null)
        {
            return PetitionError.NotFound();
        }

        if (!PetitionScope.MayRevealPersonalData(actor))
        {
            return new PetitionError(PetitionErrorKind.Forbidden, "role-not-allowed", new LocalizedText("개인정보를 열람할 권한이 없습니다.", "Your role may not see personal data."));
        }

        if (TextRules.Check(reason, IntakeLimits.Reason, multiline: true, required: true) is { } reasonError)
        {
            return PetitionError.Invalid("reason", reasonError);
        }

        db.PetitionEvents.Add(new PetitionEvent
        {
            PetitionId = petition.Id,
            At = time.GetUtcNow(),
            Type = "revealed-personal-data",
            ActorId = actor.UserId,
            ActorName = actor.Name,
            Reason = reason,
            WorkflowVersion = petition.WorkflowVersion,
        });
        await db.SaveChangesAsync(ct);
        return new RevealedPersonalData(
            petition.Id,
            petition.PetitionerName,
            petition.PetitionerPhone,
            petition.PetitionerEmail,
            petition.PetitionerAddress,
            petition.PetitionerRrnCipher is { } cipher ? personalData.Decrypt(cipher, petition.PetitionerRrnKeyId) : null);
    }

    public static string WorkflowIdOf(PetitionKind kind) => kind.ToString().ToLowerInvariant();

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

    private const string CounterUpsert =
        """
        with c as (
            insert into receipt_counters (agency_id, year, last_sequence) values ($1, $2, 1)
            on conflict (agency_id, year) do update set last_sequence = receipt_counters.last_sequence + 1
            returning last_sequence)
        select c.last_sequence, nextval(pg_get_serial_sequence('petitions', 'id'))
        """;

    private const string AllocateSql = CounterUpsert + " from c";

    private const string AllocateWithoutFlushWaitSql = CounterUpsert + ", set_config('synchronous_commit', 'off', true) from c";

    /// <summary>
    /// The receipt sequence (one upsert on the agency-year counter row, never max()+1) and the petition id, in one
    /// round trip. It commits on its own so intakes of one agency do not queue behind each other's transactions; a
    /// failed intake leaves a gap in the numbers, never a duplicate.
    /// </summary>
    private async Task<(long Id, int Sequence)> AllocateAsync(int agencyId, int year, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            // The counter row is shared by every intake of the agency and year, so its update commits on its own and
            // without waiting for the WAL flush: the row lock is released at once instead of after a disk flush. That
            // is safe because the petition that uses the number commits later with a flush, which makes the counter
            // durable too; a counter lost in a crash was never used by a committed petition. Inside an open transaction
            // (a transfer) the setting would reach the petition's own commit, so there the plain statement runs.
            var ownCommit = db.Database.CurrentTransaction is null && System.Transactions.Transaction.Current is null;
            await using var command = new NpgsqlCommand(ownCommit ? AllocateWithoutFlushWaitSql : AllocateSql, connection);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = agencyId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = year });
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return (reader.GetInt64(1), reader.GetInt32(0));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private Department RouteTo(Agency agency, CivilAffair? affair)
    {
        var office = agency.Departments.FirstOrDefault(d => d.IsPetitionsOffice) ?? agency.Departments.OrderBy(d => d.Id).First();
        if (affair is null || routing.DepartmentCodeFor(affair.Code) is not { } code)
        {
            return office;
        }

        return agency.Departments.FirstOrDefault(d => d.Code == code) ?? office;
    }

    private static (TreatmentPeriod Value, PetitionError? Error) PeriodFor(WorkflowDefinition definition, IntakeRequest request, CivilAffair? affair)
    {
        switch (definition.Period.Kind)
        {
            case PeriodRuleKind.AffairsCatalogue:
                return affair?.Period is { } period
                    ? (period, null)
                    : (default, new PetitionError(PetitionErrorKind.RuleBroken, "affair-without-period",
                        new LocalizedText($"사무 '{affair?.NameKo}'의 처리기간이 민원처리기준표에 정해져 있지 않아 기한을 계산할 수 없습니다.", $"The affair '{affair?.NameEn}' has no treatment period in the standards table, so no due can be computed.")));
            case PeriodRuleKind.BySubKind:
                return definition.Period.PeriodFor(request.SubKind) is { } bySubKind
                    ? (bySubKind, null)
                    : (default, PetitionError.Invalid("subKind", $"{string.Join(" | ", definition.Period.SubKinds.Select(s => s.Name))} 중 하나여야 합니다. (one of {string.Join(", ", definition.Period.SubKinds.Select(s => s.Name))})"));
            default:
                return (definition.Period.Fixed ?? TreatmentPeriod.Immediate, request.SubKind is null ? null : PetitionError.Invalid("subKind", "이 종류의 민원에는 세부 종류가 없습니다. (this kind has no sub-kind)"));
        }
    }

    /// <summary>A resident registration number only where the affair's law requires one (Decree §52), and then it must be well formed.</summary>
    private static PetitionError? ResidentNumberError(IntakeRequest request, CivilAffair? affair)
    {
        var rrn = request.Petitioner.ResidentNumber;
        if (affair?.RequiresResidentNumber == true)
        {
            return PersonalDataProtector.IsWellFormedResidentNumber(rrn)
                ? null
                : PetitionError.Invalid("petitioner.residentNumber", "이 사무는 주민등록번호(13자리)가 필요합니다. (this affair requires a 13-digit resident registration number)");
        }

        return rrn is null
            ? null
            : PetitionError.Invalid("petitioner.residentNumber", "이 사무는 주민등록번호를 받지 않습니다(시행령 §52). (this affair does not collect resident registration numbers)");
    }

    private static PetitionError? InputError(TriggerInputs inputs)
    {
        var fields = new Dictionary<string, string[]>();
        void Text(string name, string? value, int max)
        {
            if (value is not null && TextRules.Check(value, max, multiline: true, required: false) is { } message)
            {
                fields[name] = [message];
            }
        }

        Text("reason", inputs.Reason, IntakeLimits.Reason);
        Text("decisionText", inputs.DecisionText, IntakeLimits.Reason);
        Text("remedies", inputs.Remedies, IntakeLimits.Reason);
        Text("transferTarget", inputs.TransferTarget, IntakeLimits.Title);
        if (inputs.ExtensionDays is < 1 or > 366)
        {
            fields["extensionDays"] = ["1~366일이어야 합니다. (1 to 366 days)"];
        }

        if (inputs.SupplementDays is < 1 or > 366)
        {
            fields["supplementDays"] = ["1~366일이어야 합니다. (1 to 366 days)"];
        }

        if (inputs.InvestigationDays is < 1 or > 366)
        {
            fields["investigationDays"] = ["1~366일이어야 합니다. (1 to 366 days)"];
        }

        return fields.Count == 0 ? null : PetitionError.Invalid(fields);
    }

    private static PetitionError FromWorkflow(WorkflowDomainError error) => error.Kind switch
    {
        WorkflowErrorKind.IllegalTrigger => new PetitionError(PetitionErrorKind.IllegalTrigger, "illegal-trigger", error.Message),
        WorkflowErrorKind.RoleNotAllowed => new PetitionError(PetitionErrorKind.Forbidden, "role-not-allowed", error.Message),
        WorkflowErrorKind.MissingInput => new PetitionError(PetitionErrorKind.Invalid, "missing-input", error.Message,
            new Dictionary<string, string[]> { ["inputs"] = [error.Message.Ko + " (" + error.Message.En + ")"] }),
        _ => new PetitionError(PetitionErrorKind.RuleBroken, "guard-refused", error.Message),
    };

    private static PetitionError FromClock(ClockError error) =>
        new(PetitionErrorKind.RuleBroken, error.Slug, new LocalizedText(error.MessageKo, error.MessageEn));

    /// <summary>Carries out what the machine accepted: counters, clock effect, audit event, notices. Null when done.</summary>
    private PetitionError? Apply(Work work, FireResult result, TriggerInputs inputs, Actor actor, bool atIntake)
    {
        var petition = work.Petition;
        var now = work.Now;
        var today = PetitionClock.KoreanDate(now);
        var dueBefore = petition.DueAt;
        petition.State = result.NewState;
        switch (result.Trigger)
        {
            case "request-supplement":
                petition.SupplementDueOn = inputs.SupplementDueDate;
                break;
            case "extend-supplement":
                petition.SupplementExtensionCount++;
                petition.SupplementDueOn = inputs.SupplementDueDate;
                break;
            case "re-request-supplement":
                petition.SupplementDueOn = today.AddDays(inputs.SupplementDays ?? 0);
                break;
            case "extend-field-investigation":
                petition.FieldInvestigationExtensionCount++;
                break;
            case "notify-refusal":
                // Electronic delivery on the day it is sent (interp.); the objection period runs from it (Act §35①).
                petition.RefusalReceivedOn = today;
                break;
        }

        var clockEffect = result.Clock;
        switch (clockEffect.Kind)
        {
            case ClockEffectKind.Start:
                if (!atIntake)
                {
                    petition.ReceivedAt = now;
                }

                petition.ClockStartedAt = petition.ReceivedAt;
                petition.ClockState = ClockState.Running;
                break;
            case ClockEffectKind.Pause:
                petition.Exclusions = [.. CloseOpenSpans(petition.Exclusions, today), new ClockSpan(clockEffect.Exclusion!.Value, today, null)];
                petition.ClockState = ClockState.Paused;
                break;
            case ClockEffectKind.Resume:
                petition.Exclusions = CloseOpenSpans(petition.Exclusions, today);
                petition.ClockState = ClockState.Running;
                break;
            case ClockEffectKind.Extend:
                var extensions = petition.Extensions
                    .Append(new GrantedExtension(TreatmentPeriod.Days(inputs.ExtensionDays ?? 0), inputs.Consent ?? false, inputs.Reason ?? "", now))
                    .ToList();
                var extended = PetitionClock.Due(petition, work.Definition, clock, extensions);
                if (extended.Error is { } extensionError)
                {
                    return FromClock(extensionError);
                }

                petition.Extensions = extensions;
                if (petition.ClockLimit is null)
                {
                    petition.ExtensionCount++;
                }
                else
                {
                    petition.ObjectionExtensionCount++;
                }

                break;
            case ClockEffectKind.Stop:
                petition.Exclusions = CloseOpenSpans(petition.Exclusions, today);
                petition.ClockState = ClockState.Stopped;
                break;
            case ClockEffectKind.Restart:
                petition.Exclusions = CloseOpenSpans(petition.Exclusions, today);
                petition.ClockStartedAt = now;
                petition.ClockLimit = clockEffect.Limit;
                petition.ClockState = ClockState.Running;
                break;
        }

        if (result.Terminal)
        {
            petition.IsOpen = false;
            petition.ClosedAt = now;
            petition.ClockState = ClockState.Stopped;
            petition.Outcome = result.NewState;
            petition.Overdue = false;
        }

        var clockChanged = clockEffect.Kind != ClockEffectKind.None || result.Terminal;
        if (clockChanged)
        {
            petition.ClockGeneration++;
            if (clockEffect.Kind is ClockEffectKind.Start or ClockEffectKind.Resume or ClockEffectKind.Extend or ClockEffectKind.Restart
                && Recompute(work) is { } clockError)
            {
                return clockError;
            }
        }

        petition.Overdue = petition.IsOpen && petition.ClockState == ClockState.Running && petition.DueAt < now;
        petition.UpdatedAt = now;
        work.Events.Add(new PetitionEvent
        {
            PetitionId = petition.Id,
            At = now,
            Type = "transition",
            ActorId = actor.UserId,
            ActorName = actor.Name,
            Trigger = result.Trigger,
            FromState = result.FromState,
            ToState = result.NewState,
            Reason = inputs.Reason,
            WorkflowVersion = work.Definition.Version,
            Data = JsonSerializer.Serialize(new TransitionData(work.Definition.Id, work.Definition.Version, clockEffect.ToString(), dueBefore, petition.DueAt, InputsOf(inputs), result.Notices.Count > 0 ? result.Notices : null), EventJson),
        });

        foreach (var name in result.Notices)
        {
            work.Notices.Add(Render(work, name, result, inputs, actor));
            if (name == "notices/result")
            {
                petition.ResultNoticesSent++;
                petition.DecidedAt ??= now;
            }
        }

        return null;
    }

    private static List<ClockSpan> CloseOpenSpans(List<ClockSpan> spans, DateOnly today) =>
        spans.Select(s => s.To is null ? s with { To = today < s.From ? s.From : today } : s).ToList();

    private PetitionError? Recompute(Work work)
    {
        var due = PetitionClock.Due(work.Petition, work.Definition, clock);
        if (due.Error is { } error)
        {
            return FromClock(error);
        }

        work.Petition.DueAt = due.Value!.Due.ToUniversalTime();
        work.Petition.DueUnit = PetitionClock.UnitOf(due.Value);
        return null;
    }

    private void Plan(Work work)
    {
        var plan = planner.Plan(work.Petition, work.Definition, work.Now);
        work.Petition.NextMilestoneAt = plan.At?.ToUniversalTime();
        work.Petition.NextMilestone = plan.Milestone;
    }

    private static bool NeedsEarlierDecision(FireResult result, TriggerInputs inputs) =>
        inputs.DecisionText is null && result.Notices.Contains("notices/result");

    /// <summary>The decision, reasons and remedies given with the grant or refusal that a result notice now reports.</summary>
    private async Task<TriggerInputsData?> EarlierDecisionAsync(long petitionId, CancellationToken ct)
    {
        var recent = await db.PetitionEvents.AsNoTracking()
            .Where(e => e.PetitionId == petitionId && e.Type == "transition" && e.Data != null)
            .OrderByDescending(e => e.Id)
            .Select(e => e.Data!)
            .Take(20)
            .ToListAsync(ct);
        return recent
            .Select(d => JsonSerializer.Deserialize<TransitionData>(d, EventJson)?.Inputs)
            .FirstOrDefault(i => i?.DecisionText is not null);
    }

    private static TriggerInputsData? InputsOf(TriggerInputs inputs)
    {
        var data = new TriggerInputsData(inputs.Reason, inputs.ExtensionDays, inputs.Consent, inputs.DecisionText, inputs.Remedies, inputs.TransferTarget, inputs.SupplementDueDate, inputs.SupplementDays, inputs.InvestigationDays);
        return data == TriggerInputsData.Empty ? null : data;
    }

    private Notice Render(Work work, string name, FireResult result, TriggerInputs inputs, Actor actor)
    {
        const string language = "ko";
        var noticeInputs = work.TransferTargetName is { } targetName ? inputs with { TransferTarget = targetName } : inputs;
        var model = NoticeModels.Build(work.Petition, work.Agency!, work.Affair, work.Definition, result, noticeInputs, work.EarlierDecision, actor, language);
        var code = VerificationCode();
        var rendered = notices.Render(name, language, model, code);
        return new Notice
        {
            PetitionId = work.Petition.Id,
            Template = name,
            Language = language,
            Html = rendered.Html,
            Text = rendered.Text,
            VerificationCode = code,
            IssuedAt = work.Now,
            IssuedById = actor.UserId,
        };
    }

    /// <summary>12 characters without look-alikes (no 0/O, 1/I/L), grouped by four: about 60 bits, unguessable.</summary>
    private static string VerificationCode()
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        Span<char> code = stackalloc char[14];
        var k = 0;
        for (var i = 0; i < 12; i++)
        {
            if (i is 4 or 8)
            {
                code[k++] = '-';
            }

            code[k++] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(code);
    }

    /// <summary>One change in progress: the petition, its definition and what it appends.</summary>
    private sealed class Work(Petition petition, WorkflowDefinition definition, Agency? agency, CivilAffair? affair, DateTimeOffset now)
    {
        public Petition Petition { get; } = petition;

        public WorkflowDefinition Definition { get; } = definition;

        public Agency? Agency { get; } = agency;

        public CivilAffair? Affair { get; } = affair;

        public DateTimeOffset Now { get; } = now;

        public TriggerInputsData? EarlierDecision { get; set; }

        /// <summary>The target agency's name when a transfer names a known agency code (for the notice).</summary>
        public string? TransferTargetName { get; set; }

        public List<PetitionEvent> Events { get; } = [];

        public List<Notice> Notices { get; } = [];
    }

    private sealed record ReceivedData(string Channel, string Department, string? Affair, string Period, IReadOnlyList<AttachmentMetadata>? Attachments, DateTimeOffset? Due)
    {
        public string? TransferredFrom { get; init; }
    }

    private sealed record TransitionData(string Workflow, int DefinitionVersion, string Clock, DateTimeOffset? DueBefore, DateTimeOffset? DueAfter, TriggerInputsData? Inputs, IReadOnlyList<string>? Notices);
}
