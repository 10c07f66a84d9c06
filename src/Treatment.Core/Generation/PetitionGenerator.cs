using Treatment.Core.Affairs;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;
using static Treatment.Core.Workflows.TransitionPicks;

namespace Treatment.Core.Generation;

/// <summary>
/// Generates realistic petitions in memory: arrivals by weekday and hour, kind and channel mixes, treatment times,
/// supplementation, extensions, refusals, objections, transfers and some overdue cases. Every step is fired through
/// the petition's workflow definition (<see cref="PetitionMachine.Fire"/>) and every due comes from the clock, so the
/// data obeys the same rules as real data; a refused step is a bug and throws.
/// </summary>
public sealed class PetitionGenerator
{
    private static readonly TimeSpan Kst = DeadlineCalculator.KstOffset;

    private static readonly (PetitionKind Kind, double Weight)[] KindMix =
    [
        (PetitionKind.Legal, 0.58), (PetitionKind.Inquisitive, 0.14), (PetitionKind.Other, 0.12),
        (PetitionKind.Grievance, 0.10), (PetitionKind.Recommendatory, 0.06),
    ];

    // Share of petitions arriving online (portal or e-window) rises through the year, giving the channel trend a slope.
    private static readonly (Channel Channel, double Weight)[] OfflineMix = [(Channel.Visit, 0.55), (Channel.Mail, 0.12), (Channel.Fax, 0.05), (Channel.Phone, 0.18), (Channel.Kiosk, 0.10)];

    // Relative arrivals by weekday (Sunday first) and by hour of day, offline and online.
    private static readonly double[] WeekdayWeights = [0.15, 1.25, 1.1, 1.05, 1.0, 0.95, 0.25];
    private static readonly double[] OfficeHourWeights = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1.2, 1.5, 1.4, 0.6, 1.1, 1.4, 1.3, 1.1, 0.8, 0, 0, 0, 0, 0, 0];
    private static readonly double[] OnlineHourWeights = [0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 1, 1.4, 1.5, 1.4, 1, 1.3, 1.4, 1.3, 1.2, 1.1, 1, 1, 1.1, 1, 0.8, 0.5];

    private static readonly string[] ExtensionReasons =
    [
        "관계 기관 협의 필요 (Consultation with another agency)",
        "현장 확인 필요 (Site inspection needed)",
        "법령 해석 검토 (Statutory interpretation under review)",
        "민원 폭주 (Unusual volume of petitions)",
    ];

    private static readonly string[] Surnames = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권"];
    private static readonly string[] GivenSyllables = ["민", "서", "준", "지", "현", "우", "예", "도", "하", "윤", "수", "영", "진", "은", "호", "연"];

    private static readonly Dictionary<PetitionKind, string[]> Titles = new()
    {
        [PetitionKind.Inquisitive] = ["건축법 적용 여부 질의", "주차장 설치 기준 문의", "보조금 신청 절차 문의", "세금 감면 요건 질의"],
        [PetitionKind.Recommendatory] = ["버스 노선 신설 건의", "공원 시설 개선 건의", "보행로 확장 건의"],
        [PetitionKind.Grievance] = ["불법 주정차 단속 요청", "소음 피해 해결 요청", "도로 파손 보수 요청", "악취 민원"],
        [PetitionKind.Other] = ["민원실 운영 시간 문의", "서식 위치 안내 요청", "담당 부서 문의"],
    };

    private readonly WorkflowCatalog _catalog;
    private readonly IDeadlineCalculator _clock;
    private readonly RollupWriter _rollups;
    private readonly PetitionChange _change;
    private readonly IHolidayCalendar _calendar;
    private readonly Dictionary<PetitionKind, PetitionMachine> _machines;

    public PetitionGenerator(WorkflowCatalog catalog, IDeadlineCalculator clock)
    {
        _catalog = catalog;
        _clock = clock;
        _calendar = clock.Calendar;
        _rollups = new RollupWriter(clock.Calendar, catalog);
        _change = new PetitionChange(clock, planner: null);
        _machines = Enum.GetValues<PetitionKind>().ToDictionary(k => k, k => new PetitionMachine(catalog.Latest(WorkflowIdOf(k))));
    }

    public static string WorkflowIdOf(PetitionKind kind) => kind switch
    {
        PetitionKind.Legal => "legal",
        PetitionKind.Inquisitive => "inquisitive",
        PetitionKind.Recommendatory => "recommendatory",
        PetitionKind.Grievance => "grievance",
        _ => "other",
    };

    /// <summary>Generates chunk <paramref name="chunkIndex"/> of <paramref name="count"/> petitions; the same inputs give the same chunk.</summary>
    public GeneratedChunk GenerateChunk(GenerationOptions options, GenerationCatalogue catalogue, int chunkIndex, int count)
    {
        // A fixed formula, not HashCode (randomised per process), so that a seed gives the same data on every run.
        var random = new Random(unchecked((options.Seed * 1_000_003) + (chunkIndex * 7_919) + 17));
        var play = new Play(this, options, catalogue, random);
        var petitions = new List<GeneratedPetition>(count);
        var facts = new List<PetitionRollup>(count * 4);
        while (petitions.Count < count)
        {
            var generated = play.One(petitions.Count, facts, transferredFrom: null);
            petitions.Add(generated);
            if (generated.TransferredOut(_catalog) && petitions.Count < count)
            {
                // The receiving agency registers the transferred petition as a new one (Act §16, transferred in).
                petitions.Add(play.One(petitions.Count, facts, transferredFrom: (petitions.Count - 1, generated.Petition)));
            }
        }

        return new GeneratedChunk(chunkIndex, petitions, facts);
    }

    /// <summary>One chunk's random stream and the petition being played.</summary>
    private sealed class Play(PetitionGenerator g, GenerationOptions options, GenerationCatalogue catalogue, Random random)
    {
        private static readonly Actor Official = new(null, "담당자", new HashSet<string> { Agencies.Roles.Official }, null, null);

        private static readonly double[] OfflineCumulative = Cumulative(OfflineMix.Select(m => m.Weight));

        private readonly double[] _agencyCumulative = Cumulative(catalogue.Agencies.Select(a => a.Weight));
        private readonly CivilAffair[] _affairs = catalogue.Affairs.Where(a => a.PeriodUnit is not null).ToArray();
        private Petition _p = null!;
        private List<PetitionEvent> _events = null!;
        private List<PetitionRollup> _facts = null!;
        private PetitionMachine _machine = null!;
        private DateTimeOffset _last;
        private bool _stopped;
        private PlayFacts _extra = new();

        public GeneratedPetition One(int localIndex, List<PetitionRollup> facts, (int Index, Petition From)? transferredFrom)
        {
            _facts = facts;
            _events = new List<PetitionEvent>(8);
            _stopped = false;
            _extra = new PlayFacts();
            var agency = transferredFrom is { } tf ? OtherAgency(tf.From.AgencyId) : catalogue.Agencies[Pick(_agencyCumulative)];
            var kind = transferredFrom?.From.Kind ?? PickKind();
            var affair = kind == PetitionKind.Legal ? transferredFrom?.From.Affair ?? _affairs[random.Next(_affairs.Length)] : null;
            _machine = g._machines[kind];
            var definition = _machine.Definition;
            var arrived = transferredFrom is { } t ? Min(t.From.ClosedAt!.Value.AddMinutes(30 + random.Next(240)), options.Horizon) : ArrivalInstant();
            var channel = transferredFrom?.From.Channel ?? PickChannel(arrived);
            if (transferredFrom is null && !IsOnline(channel))
            {
                arrived = OfficeInstant(DateOf(arrived), random);
            }

            var subKind = kind == PetitionKind.Inquisitive ? (random.NextDouble() < 0.4 ? "statute" : "procedure") : null;
            var period = definition.Period.PeriodFor(subKind) ?? affair!.Period!.Value;
            var manyPerson = random.NextDouble() < 0.004;
            var signers = manyPerson ? 5 + random.Next(300) : 1;
            _p = new Petition
            {
                ReceiptNumber = "",
                Kind = kind,
                SubKind = subKind,
                AffairId = affair?.Id,
                Affair = affair,
                Channel = channel,
                Title = affair is not null ? affair.NameKo + " 신청" : Titles[kind][random.Next(Titles[kind].Length)],
                Body = "",
                PetitionerName = Surnames[random.Next(Surnames.Length)] + GivenSyllables[random.Next(GivenSyllables.Length)] + GivenSyllables[random.Next(GivenSyllables.Length)],
                ArrivedAt = arrived,
                ReceivedAt = arrived,
                AgencyId = agency.Id,
                WorkflowId = definition.Id,
                WorkflowVersion = definition.Version,
                State = definition.InitialState,
                ClockState = ClockState.Stopped,
                PeriodUnit = period.Unit,
                PeriodValue = period.Value,
                SignerCount = signers,
                HouseholdCount = manyPerson ? Math.Max(5, signers / 2) : 1,
                CreatedAt = arrived,
                UpdatedAt = arrived,
            };
            _p.Body = _p.Title;
            _last = arrived;
            if (transferredFrom is { } from)
            {
                _p.TransferredFromPetitionId = -1 - from.Index;
            }

            var initialReceived = definition.FindState(definition.InitialState)!.Clock == ClockBehaviour.Running;
            Record(PetitionEventTypes.Created, arrived, definition.InitialState, null);
            if (initialReceived)
            {
                g._change.Open(_p, definition, Official, new ReceivedData(channel.ToString(), "", affair?.Code, period.ToString(), null, null), arrived);
            }
            else
            {
                // Registration within 8 working hours of arrival (Decree §6⑦): the next office hour, or shortly after.
                var register = IsOfficeTime(arrived) ? arrived.AddMinutes(5 + random.Next(90)) : OfficeInstant(NextWorkingDay(DateOf(arrived)), random);
                Fire(Receipt, register, TriggerInputs.Empty, WorkflowRole.Official);
            }

            if (!_stopped)
            {
                PlayKind(kind, affair);
            }

            _p.Overdue = _p.IsOpen && _p.ClockState == ClockState.Running && _p.DueAt < options.Horizon;
            _p.UpdatedAt = _last;
            return new GeneratedPetition(_p, _events, transferredFrom?.Index);
        }

        private void PlayKind(PetitionKind kind, CivilAffair? affair)
        {
            var received = _p.ReceivedAt;
            var roll = random.NextDouble();
            if (kind == PetitionKind.Legal && _p.PeriodUnit == PeriodUnit.Immediate && _p.Channel is Channel.OnlinePortal or Channel.Kiosk && roll < 0.6)
            {
                _extra.ImmediateIssuance = true;
                Fire(Deciding(DecisionOutcome.Granted), received.AddMinutes(1), TriggerInputs.Empty, WorkflowRole.System);
                return;
            }

            if (roll < 0.03)
            {
                Fire(With<OpensTransferCopy>(), received.AddMinutes(30 + random.Next(300)), new TriggerInputs { TransferTarget = "관할 기관", Reason = "관할 아님 (Not within jurisdiction)" }, WorkflowRole.Official);
                return;
            }

            if (kind != PetitionKind.Legal && roll < 0.037)
            {
                _extra.Repeated = true;
                _extra.CommitteeReviewed = _p.SignerCount > 1;
                _p.FilingsOnSameMatter = 3;
                _p.CommitteeReviewed = _extra.CommitteeReviewed;
                Fire(With<CountsAsRepeatedClosure>(), received.AddMinutes(60 + random.Next(600)), new TriggerInputs { Reason = "동일 내용 3회 이상 제출 (Act §23)" }, WorkflowRole.Official);
                return;
            }

            if (roll < 0.045)
            {
                Fire(With<CountsAsWithdrawn>(), received.AddHours(2 + random.Next(72)), new TriggerInputs { Reason = "민원인 취하 (Withdrawn by the petitioner)" }, WorkflowRole.Petitioner);
                return;
            }

            if (kind == PetitionKind.Other)
            {
                var onTheSpot = _p.Channel is Channel.Visit or Channel.Phone;
                Decide(AnsweredOnTheSpot(onTheSpot), new TriggerInputs { DecisionText = "안내 완료" }, quick: onTheSpot);
                return;
            }

            Fire(Advance, received.AddMinutes(10 + random.Next(50)), TriggerInputs.Empty, WorkflowRole.Official);
            if (kind == PetitionKind.Legal && random.NextDouble() < 0.13 && !Supplementation())
            {
                return;
            }

            if (kind == PetitionKind.Grievance && random.NextDouble() < 0.1)
            {
                FieldInvestigation();
            }

            if (_p.PeriodUnit != PeriodUnit.Immediate && random.NextDouble() < 0.07)
            {
                Extensions();
            }

            switch (kind)
            {
                case PetitionKind.Legal:
                    if (random.NextDouble() < 0.12)
                    {
                        Decide(Deciding(DecisionOutcome.Refused), new TriggerInputs { DecisionText = "요건 미충족", Reason = "법정 요건 미충족 (Requirements not met)", Remedies = "이의신청·행정심판·행정소송" });
                        Refusal();
                    }
                    else
                    {
                        Decide(Deciding(DecisionOutcome.Granted), new TriggerInputs { DecisionText = "인용" });
                        Fire(SendsResultNotice, _last.AddMinutes(5 + random.Next(60)), TriggerInputs.Empty, WorkflowRole.System);
                    }

                    break;
                case PetitionKind.Inquisitive:
                    Decide(Deciding(DecisionOutcome.Answered), new TriggerInputs { DecisionText = "회신" });
                    break;
                case PetitionKind.Grievance:
                    Decide(Deciding(DecisionOutcome.Granted), new TriggerInputs { DecisionText = "조치 완료" });
                    break;
                default:
                    var r = random.NextDouble();
                    Decide(Deciding(r < 0.3 ? DecisionOutcome.Granted : r < 0.5 ? DecisionOutcome.PartlyGranted : DecisionOutcome.Refused), new TriggerInputs { DecisionText = "검토 결과", Reason = "검토 결과 (Review result)" });
                    break;
            }
        }

        /// <returns>false when the petition ended during supplementation (returned, withdrawn)</returns>
        private bool Supplementation()
        {
            var requestedAt = _last.AddMinutes(30 + random.Next(240));
            var requestDate = DateOf(requestedAt);
            var dueDate = requestDate.AddDays(7);
            Fire(With<SetsSupplementDue>(), requestedAt, new TriggerInputs { Reason = "구비서류 미비 (Missing documents)", SupplementDueDate = dueDate }, WorkflowRole.Official);
            _p.SupplementDueOn = dueDate;
            var r = random.NextDouble();
            if (r < 0.82)
            {
                Fire(With<CountsAsSupplemented>(), OfficeInstant(requestDate.AddDays(1 + random.Next(7)), random), TriggerInputs.Empty, WorkflowRole.Petitioner);
                return true;
            }

            _extra.SupplementLapsed = true;
            if (r < 0.88)
            {
                Fire(With<ReRequestsSupplement>(), OfficeInstant(dueDate.AddDays(1), random), new TriggerInputs { Reason = "재보완 요구 (Re-request)", SupplementDays = 5 }, WorkflowRole.Official);
                _extra.SupplementLapsed = false;
                _p.SupplementDueOn = dueDate.AddDays(6);
                Fire(With<CountsAsSupplemented>(), OfficeInstant(dueDate.AddDays(2 + random.Next(4)), random), TriggerInputs.Empty, WorkflowRole.Petitioner);
                return true;
            }

            if (r < 0.9)
            {
                _extra.Undelivered = 2;
                _p.UndeliveredSupplementRequests = 2;
                Fire(With<CountsAsDeemedWithdrawn>(), OfficeInstant(dueDate.AddDays(3), random), new TriggerInputs { Reason = "보완요구 2회 반송 (Decree §25)" }, WorkflowRole.Official);
                return false;
            }

            Fire(With<CountsAsReturned>(), OfficeInstant(dueDate.AddDays(1 + random.Next(5)), random), new TriggerInputs { Reason = "보완 기간 내 미보완 (Not supplemented in time)" }, WorkflowRole.Official);
            return false;
        }

        private void FieldInvestigation()
        {
            var start = _last.AddHours(2 + random.Next(48));
            var days = 3 + random.Next(10);
            Fire(With<CountsAsFieldInvestigation>(), start, new TriggerInputs { Reason = "현지 조사 (Field investigation)", InvestigationDays = days }, WorkflowRole.Official);
            Fire(Resumes, OfficeInstant(DateOf(start).AddDays(days), random), TriggerInputs.Empty, WorkflowRole.Official);
        }

        private void Extensions()
        {
            if (_p.DueAt is not { } due)
            {
                return;
            }

            var at = OfficeInstant(PreviousWorkingDay(DateOf(due)), random);
            var maxDays = _p.PeriodUnit switch
            {
                PeriodUnit.Days => _p.PeriodValue,
                PeriodUnit.Hours => _p.PeriodValue / 8,
                PeriodUnit.Weeks => _p.PeriodValue * 7,
                _ => 28,
            };
            if (maxDays < 1 || at <= _last || at >= due)
            {
                return;
            }

            var reason = ExtensionReasons[random.Next(ExtensionReasons.Length)];
            Fire(With<CountsAsExtension>(), at, new TriggerInputs { Reason = reason, ExtensionDays = 1 + random.Next(maxDays), Consent = false }, WorkflowRole.Official);
            if (random.NextDouble() < 0.18 && _p.DueAt is { } second)
            {
                var at2 = OfficeInstant(PreviousWorkingDay(DateOf(second)), random);
                if (at2 > _last && at2 < second)
                {
                    Fire(With<CountsAsExtension>(), at2, new TriggerInputs { Reason = reason, ExtensionDays = 1 + random.Next(maxDays), Consent = true }, WorkflowRole.Supervisor);
                }
            }
        }

        /// <summary>Decides on time (most), late by hours to days (some), or never before the horizon (stuck, overdue).</summary>
        private void Decide(Func<TransitionDefinition, bool> pick, TriggerInputs inputs, bool quick = false)
        {
            var due = _p.DueAt!.Value;
            var r = random.NextDouble();
            DateTimeOffset at;
            if (quick)
            {
                at = _last.AddMinutes(3 + random.Next(20));
            }
            else if (r < 0.012)
            {
                ExaminerReminder(due, until: options.Horizon);
                _stopped = true;
                return;
            }
            else if (r < 0.07)
            {
                at = _p.DueUnit == DueUnit.Hours
                    ? due.AddMinutes(30 + random.Next(600))
                    : OfficeInstant(AddWorkingDays(DateOf(due), 1 + random.Next(8)), random);
                ExaminerReminder(due, until: at);
            }
            else
            {
                var span = due - _last;
                var u = random.NextDouble();
                at = span <= TimeSpan.FromMinutes(2) ? due : _last + TimeSpan.FromTicks((long)(span.Ticks * Math.Pow(u, 1.6)));
                if (at > due)
                {
                    at = due;
                }
            }

            Fire(pick, at, inputs, WorkflowRole.Official);
        }

        private void ExaminerReminder(DateTimeOffset due, DateTimeOffset until)
        {
            var at = OfficeInstant(AddWorkingDays(DateOf(due), 1), random);
            if (at < until && at <= options.Horizon && !_stopped && at > _last)
            {
                // As the milestone sweep records it (MilestoneEffects): an escalation event, level 2, action in the data.
                _p.EscalationLevel = 2;
                Record(ReportFactMap.EscalationEventType, at, null, "Act §25, Decree §28②, Rule §10 (독촉장, 별지 제7호서식)",
                    new Jobs.MilestoneEventData(MilestoneActions.ExaminerReminder, ReportFactMap.ExaminerReminderAction, _p.ClockGeneration, at, _p.DueAt, 2));
            }
        }

        private void Refusal()
        {
            if (_stopped)
            {
                return;
            }

            var notified = _last.AddMinutes(10 + random.Next(120));
            Fire(With<StartsObjectionPeriod>(), notified, TriggerInputs.Empty, WorkflowRole.System);
            _extra.RefusalReceivedOn = DateOf(notified).AddDays(1 + random.Next(3));
            _p.RefusalReceivedOn = _extra.RefusalReceivedOn;
            var deadline = g._clock.ObjectionFilingDeadline(new DateTimeOffset(_extra.RefusalReceivedOn.Value.ToDateTime(new TimeOnly(10, 0)), Kst)).GetValueOrThrow().DueDate;
            _extra.ObjectionDeadline = deadline;
            var filed = OfficeInstant(_extra.RefusalReceivedOn.Value.AddDays(random.Next(Math.Max(1, deadline.DayNumber - _extra.RefusalReceivedOn.Value.DayNumber))), random);
            if (random.NextDouble() < 0.25 && DateOf(filed) <= deadline)
            {
                Fire(With<CountsAsObjection>(), filed, new TriggerInputs { Reason = "거부 처분 불복 (Objection to the refusal)" }, WorkflowRole.Petitioner);
                if (_stopped)
                {
                    return;
                }

                if (random.NextDouble() < 0.1)
                {
                    var at = OfficeInstant(PreviousWorkingDay(DateOf(_p.DueAt!.Value)), random);
                    if (at > _last)
                    {
                        Fire(With<CountsAsObjectionExtension>(), at, new TriggerInputs { Reason = "추가 검토 (Further review)", ExtensionDays = 5 + random.Next(6) }, WorkflowRole.Official);
                    }
                }

                var decidedAt = random.NextDouble() < 0.9
                    ? _last + TimeSpan.FromTicks((long)((_p.DueAt!.Value - _last).Ticks * random.NextDouble()))
                    : OfficeInstant(AddWorkingDays(DateOf(_p.DueAt!.Value), 1 + random.Next(4)), random);
                if (random.NextDouble() < 0.3)
                {
                    Fire(With<UpholdsObjection>(), decidedAt, new TriggerInputs { DecisionText = "이의신청 인용", Reason = "재검토 결과 인용 (Upheld)" }, WorkflowRole.Official);
                    Fire(SendsResultNotice, _last.AddMinutes(10), TriggerInputs.Empty, WorkflowRole.System);
                }
                else
                {
                    Fire(With<DismissesObjection>(), decidedAt, new TriggerInputs { DecisionText = "이의신청 기각", Reason = "기각 (Dismissed)", Remedies = "행정심판·행정소송" }, WorkflowRole.Official);
                }

                return;
            }

            Fire(Advance, new DateTimeOffset(deadline.AddDays(1).ToDateTime(new TimeOnly(0, 10)), Kst), TriggerInputs.Empty, WorkflowRole.System);
        }

        private Func<TransitionDefinition, bool> SendsResultNotice => TransitionPicks.SendsResultNotice(_machine.Definition);

        private Func<TransitionDefinition, bool> AnsweredOnTheSpot(bool onTheSpot) => TransitionPicks.Answering(_machine.Definition, onTheSpot);

        private void Fire(Func<TransitionDefinition, bool> pick, DateTimeOffset at, TriggerInputs inputs, WorkflowRole role)
        {
            if (_stopped)
            {
                return;
            }

            if (at <= _last)
            {
                at = _last.AddMinutes(1);
            }

            if (at > options.Horizon)
            {
                _stopped = true;
                return;
            }

            var facts = new PetitionFacts
            {
                WorkflowId = _p.WorkflowId,
                WorkflowVersion = _p.WorkflowVersion,
                State = _p.State,
                SubKind = _p.SubKind,
                OriginalPeriod = _p.Period,
                ExtensionCount = _p.ExtensionCount,
                SupplementPeriodLapsed = _extra.SupplementLapsed,
                UndeliveredSupplementRequests = _extra.Undelivered,
                FilingsOnSameMatter = _extra.Repeated ? 3 : 1,
                ResultNoticesOnSameMatter = _extra.Repeated ? 2 : 0,
                SignerCount = _p.SignerCount,
                HouseholdCount = _p.HouseholdCount,
                CommitteeReviewed = _extra.CommitteeReviewed,
                AffairAllowsImmediateIssuance = _extra.ImmediateIssuance,
                RefusalReceivedOn = _extra.RefusalReceivedOn,
                ObjectionFilingDeadline = _extra.ObjectionDeadline,
                ObjectionExtensionCount = _extra.ObjectionExtensions,
                Now = at,
            };
            // Steps are chosen by what the definition says a transition does, never by its trigger's name.
            var trigger = _machine.Definition.Pick(_p.State, pick)?.Trigger
                ?? throw new InvalidOperationException($"generator step has no transition in {_p.WorkflowId} v{_p.WorkflowVersion} from {_p.State}");
            var outcome = _machine.Fire(facts, trigger, inputs, [role]);
            if (outcome.Result is not { } result)
            {
                throw new InvalidOperationException($"generator step refused by {_p.WorkflowId} v{_p.WorkflowVersion}: {trigger} in {_p.State}: {outcome.Error!.Message.En}");
            }

            if (result.Clock.Kind == ClockEffectKind.Extend && _p.ClockLimit is not null)
            {
                _extra.ObjectionExtensions++;
            }

            // The same change path as the petition service: effects, clock, terminal handling, decision instant, event.
            var fired = g._change.Fire(_p, _machine.Definition, result, inputs, role == WorkflowRole.System ? Actor.System : Official, at);
            if (fired.Error is { } error)
            {
                throw new InvalidOperationException($"generator step refused by the clock: {trigger} in {_p.WorkflowId}: {error.Message.En}");
            }

            // Decisions keep the due they were measured against (dueBefore/dueAfter); other events leave their data
            // out to keep bulk data small.
            var recorded = fired.Value!;
            if (result.Transition.Decision is null && !result.Transition.Effects.Any(e => e.DecidesObjection))
            {
                recorded.Data = null;
            }

            Add(recorded, closes: result.Terminal);
        }

        private void Record(string type, DateTimeOffset at, string? toState, string? reason, object? data = null)
        {
            var recorded = PetitionChange.Event(_p, null, type, null, Jobs.MilestoneEventTypes.SystemActor, at, data, toState: toState);
            recorded.Reason = reason;
            Add(recorded, closes: false);
        }

        private void Add(PetitionEvent recorded, bool closes)
        {
            _events.Add(recorded);
            _last = recorded.At;
            _facts.AddRange(g._rollups.Facts(_p, recorded, closes));
        }

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

        private DateTimeOffset ArrivalInstant()
        {
            var year = options.Year;
            DateOnly date;
            do
            {
                date = new DateOnly(year, 1, 1).AddDays(random.Next(DateTime.IsLeapYear(year) ? 366 : 365));
            }
            while (random.NextDouble() * 1.25 > WeekdayWeights[(int)date.DayOfWeek] * (g._calendar.IsHoliday(date) && date.DayOfWeek != DayOfWeek.Sunday ? 0.2 : 1));

            var hour = PickIndex(OnlineHourWeights);
            return new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, random.Next(60), random.Next(60))), Kst);
        }

        private Channel PickChannel(DateTimeOffset arrived)
        {
            // Online share from 52 % in January to 64 % in December; outside office time only online channels are open.
            var onlineShare = 0.52 + 0.12 * (arrived.ToOffset(Kst).DayOfYear / 366.0);
            if (!IsOfficeTime(arrived) || random.NextDouble() < onlineShare)
            {
                return random.NextDouble() < 0.8 ? Channel.OnlinePortal : Channel.EWindow;
            }

            return OfflineMix[Pick(OfflineCumulative)].Channel;
        }

        private PetitionKind PickKind()
        {
            var x = random.NextDouble();
            foreach (var (kind, weight) in KindMix)
            {
                if ((x -= weight) < 0)
                {
                    return kind;
                }
            }

            return PetitionKind.Legal;
        }

        private GenerationAgency OtherAgency(int agencyId)
        {
            if (catalogue.Agencies.Count == 1)
            {
                return catalogue.Agencies[0];
            }

            GenerationAgency other;
            do
            {
                other = catalogue.Agencies[Pick(_agencyCumulative)];
            }
            while (other.Id == agencyId);
            return other;
        }

        private bool IsOfficeTime(DateTimeOffset instant)
        {
            var local = instant.ToOffset(Kst);
            return g._calendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime)) && local.Hour >= 9 && local.Hour < 18;
        }

        private DateTimeOffset OfficeInstant(DateOnly date, Random r)
        {
            var day = g._calendar.IsWorkingDay(date) ? date : NextWorkingDay(date);
            var hour = PickIndex(OfficeHourWeights);
            return new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, r.Next(60))), Kst);
        }

        private DateOnly NextWorkingDay(DateOnly date) => g._calendar.WorkingDayAt(g._calendar.WorkingDaysBefore(date.AddDays(1)));

        private DateOnly PreviousWorkingDay(DateOnly date) => g._calendar.WorkingDayAt(Math.Max(0, g._calendar.WorkingDaysBefore(date) - 1));

        private DateOnly AddWorkingDays(DateOnly date, int n) => g._calendar.WorkingDayAt(g._calendar.WorkingDaysBefore(date.AddDays(1)) + n - 1);

        private int PickIndex(double[] weights)
        {
            var x = random.NextDouble() * weights.Sum();
            for (var i = 0; i < weights.Length; i++)
            {
                if ((x -= weights[i]) < 0)
                {
                    return i;
                }
            }

            return weights.Length - 1;
        }

        private int Pick(double[] cumulative)
        {
            var i = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
            return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
        }

        private static double[] Cumulative(IEnumerable<double> weights)
        {
            var list = new List<double>();
            var sum = 0.0;
            foreach (var w in weights)
            {
                sum += w;
                list.Add(sum);
            }

            return list.ToArray();
        }

        private static bool IsOnline(Channel channel) => channel is Channel.OnlinePortal or Channel.EWindow;

        private static DateOnly DateOf(DateTimeOffset instant) => RollupWriter.DateOf(instant);
    }

    /// <summary>Facts of the play that are not petition columns but that guards read.</summary>
    private sealed class PlayFacts
    {
        public bool SupplementLapsed { get; set; }

        public int Undelivered { get; set; }

        public bool Repeated { get; set; }

        public bool CommitteeReviewed { get; set; }

        public bool ImmediateIssuance { get; set; }

        public DateOnly? RefusalReceivedOn { get; set; }

        public DateOnly? ObjectionDeadline { get; set; }

        public int ObjectionExtensions { get; set; }
    }
}
