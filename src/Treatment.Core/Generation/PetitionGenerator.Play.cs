using Treatment.Core.Affairs;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;
using static Treatment.Core.Workflows.TransitionPicks;

namespace Treatment.Core.Generation;

public sealed partial class PetitionGenerator
{
    /// <summary>One chunk's random stream and the petition being played.</summary>
    private sealed partial class Play(PetitionGenerator g, GenerationOptions options, GenerationCatalogue catalogue, Random random)
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

            // A many-person petition closes as repeated only on a recorded committee decision (Decree §26), which generated data has none of.
            if (kind != PetitionKind.Legal && roll < 0.037 && !ManyPersonPetition.Qualifies(_p.SignerCount, _p.HouseholdCount))
            {
                _extra.Repeated = true;
                _p.FilingsOnSameMatter = 3;
                Fire(With<CountsAsRepeatedClosure>(), received.AddMinutes(60 + random.Next(600)), new TriggerInputs { Reason = "동일 내용 3회 이상 제출 (Act §23)", Remedies = "행정심판·행정소송 (Administrative appeal or lawsuit)" }, WorkflowRole.Official);
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
                    Decide(Deciding(r < 0.3 ? DecisionOutcome.Granted : r < 0.5 ? DecisionOutcome.PartlyGranted : DecisionOutcome.Refused), new TriggerInputs { DecisionText = "검토 결과", Reason = "검토 결과 (Review result)", Remedies = "국민권익위원회 고충민원, 행정심판 (Grievance to the ACRC, administrative appeal)" });
                    break;
            }
        }

        /// <returns>false when the petition ended during supplementation (returned, withdrawn)</returns>
    }
}
