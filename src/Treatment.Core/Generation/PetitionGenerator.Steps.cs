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
    /// <summary>The steps of a play: supplementation, extensions, decisions, objections, each fired through the change path.</summary>
    private sealed partial class Play
    {
        private bool Supplementation()
        {
            var requestedAt = _last.AddMinutes(30 + random.Next(240));
            var requestDate = DateOf(requestedAt);
            var dueDate = requestDate.AddDays(7);
            Fire(t => t.Has<SetsSupplementDue>() || t.Has<SetsCivilSupplementDue>(), requestedAt, new TriggerInputs { Reason = "구비서류 미비 (Missing documents)", SupplementDueDate = dueDate, SupplementDays = 7 }, WorkflowRole.Official);
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
                Fire(t => t.Has<ReRequestsSupplement>() || t.Has<ReRequestsCivilSupplement>(), OfficeInstant(dueDate.AddDays(1), random), new TriggerInputs { Reason = "재보완 요구 (Re-request)", SupplementDays = 5 }, WorkflowRole.Official);
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

            Fire(With<CountsAsReturned>(), OfficeInstant(dueDate.AddDays(1 + random.Next(5)), random), new TriggerInputs { Reason = "보완 기간 내 미보완 (Not supplemented in time)", Remedies = "행정심판·행정소송 (Administrative appeal or lawsuit)" }, WorkflowRole.Official);
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
                PeriodUnit.Months or PeriodUnit.Years => _p.PeriodValue, // extended in the period's own unit
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
                if (at2.AddMinutes(-5) > _last && at2 < second)
                {
                    // Decree §21②: the petitioner's recorded consent comes first (the newer versions' guard reads it).
                    Add(g._change.PetitionerConsented(_p, _machine.Definition, null, "민원인 (generator)", at2.AddMinutes(-5)), closes: false);
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
                AffairAllowsImmediateIssuance = _extra.ImmediateIssuance,
                RefusalReceivedOn = _extra.RefusalReceivedOn,
                ObjectionFilingDeadline = _extra.ObjectionDeadline,
                ObjectionExtensionCount = _extra.ObjectionExtensions,
                StateEndsOn = _p.StateEndsOn,
                PetitionerConsentedToSecondExtension = PetitionClock.ConsentedSinceFirstExtension(_p),
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
    }
}
