using System.Collections.Immutable;
using Scriban;
using Treatment.Cli;
using Treatment.Core.Workflows;

namespace Treatment.Core.Tests.Workflows;

public sealed class MachineAndCliTests
{
    private static async Task<(int Exit, string Out, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new CliConsole(output, error, TextReader.Null), CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void PermittedTriggers_PetitionerOnAwaitingSupplement_OnlyPetitionerActions()
    {
        var legal = WorkflowTestData.Catalog.Latest("legal");
        var facts = WorkflowTestData.Facts(legal, "awaiting-supplement");

        var actions = new PetitionMachine(legal).PermittedTriggers(facts, [WorkflowRole.Petitioner]).Select(a => a.Trigger);

        Assert.Equal(["extend-supplement", "supplement", "withdraw"], actions.Order());
    }

    [Fact]
    public void PermittedTriggers_OfficialOnAwaitingSupplementBeforeLapse_HidesReRequestAndReturn()
    {
        var legal = WorkflowTestData.Catalog.Latest("legal");
        var facts = WorkflowTestData.Facts(legal, "awaiting-supplement", f => f with { SupplementPeriodLapsed = false });

        var actions = new PetitionMachine(legal).PermittedTriggers(facts, [WorkflowRole.Official]).Select(a => a.Trigger).ToList();

        Assert.DoesNotContain("re-request-supplement", actions);
        Assert.DoesNotContain("return", actions);
        Assert.Contains("supplement", actions);
    }

    [Fact]
    public void PermittedTriggers_ExtendWhileInputUnknown_ShownWithRequiredInputs()
    {
        var legal = WorkflowTestData.Catalog.Latest("legal");
        var facts = WorkflowTestData.Facts(legal, "reviewing", f => f with { ExtensionCount = 1, PetitionerConsentedToSecondExtension = true });

        var extend = new PetitionMachine(legal).PermittedTriggers(facts, [WorkflowRole.Official]).Single(a => a.Trigger == "extend");

        Assert.Equal(["reason", "extensionDays"], extend.Inputs);
        Assert.Equal("처리기간 연장", extend.Title.Ko);
    }

    [Fact]
    public void Fire_ImmediateCertificateOnReceipt_SystemClosesWithResultNotice()
    {
        var legal = WorkflowTestData.Catalog.Latest("legal");
        var facts = WorkflowTestData.Facts(legal, "received", f => f with
        {
            OriginalPeriod = Treatment.Core.Clock.TreatmentPeriod.Immediate,
            AffairAllowsImmediateIssuance = true,
        });

        var outcome = new PetitionMachine(legal).Fire(facts, "issue-immediately", TriggerInputs.Empty, [WorkflowRole.System]);

        Assert.Equal("closed", outcome.Result!.NewState);
        Assert.Equal(["notices/result"], outcome.Result.Notices);
    }

    [Fact]
    public void Fire_ObjectionFiledInTime_RestartsClockWithTheObjectionDecisionLimit()
    {
        var legal = WorkflowTestData.Catalog.Latest("legal");
        var facts = WorkflowTestData.Facts(legal, "refusal-notified", f => f with
        {
            RefusalReceivedOn = new DateOnly(2026, 2, 2),
            ObjectionFilingDeadline = new DateOnly(2026, 4, 3),
        });

        var outcome = new PetitionMachine(legal).Fire(facts, "file-objection", new TriggerInputs { Reason = "거부 사유 부당" }, [WorkflowRole.Petitioner]);

        Assert.Equal(new ClockEffect(ClockEffectKind.Restart, Limit: "objectionDecision"), outcome.Result!.Clock);
        Assert.Equal("10d", legal.Limits["objectionDecision"].Period.ToString());
    }

    [Fact]
    public void Fire_SupplementRequest_PausesClockAsSupplement()
    {
        var legal = WorkflowTestData.Catalog.Latest("legal");
        var facts = WorkflowTestData.Facts(legal, "reviewing");

        var outcome = new PetitionMachine(legal).Fire(facts, "request-supplement", WorkflowTestData.AllInputs, [WorkflowRole.Official]);

        Assert.Equal(new ClockEffect(ClockEffectKind.Pause, Treatment.Core.Clock.ExclusionType.Supplement), outcome.Result!.Clock);
        Assert.Equal(["notices/supplement-request"], outcome.Result.Notices);
    }

    [Fact]
    public void Diagram_CurrentState_HighlightsTheStatelessId()
    {
        var other = WorkflowTestData.Catalog.Get("other", 1);

        var diagram = new PetitionMachine(other).Diagram("closed-as-repeated");

        Assert.StartsWith("stateDiagram-v2", diagram, StringComparison.Ordinal);
        Assert.Contains("received --> answered : answer", diagram, StringComparison.Ordinal);
        Assert.Contains("class closedasrepeated current", diagram, StringComparison.Ordinal);
        Assert.Contains("closedasrepeated : closed-as-repeated", diagram, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagram_GuardedTransition_CarriesTheKoreanGuardDescription()
    {
        var grievance = WorkflowTestData.Catalog.Latest("grievance");

        var diagram = new PetitionMachine(grievance).Diagram();

        Assert.Contains("현지조사 14일 이내 (시행령 §17④)", diagram, StringComparison.Ordinal);
    }

    [Fact]
    public void GuardDescriptions_EveryGuard_HasKoreanAndEnglish()
    {
        foreach (var name in Treatment.Core.Workflows.Guards.GuardRegistry.Default.Names)
        {
            var guard = Treatment.Core.Workflows.Guards.GuardRegistry.Default.Get(name);

            Assert.Matches("[가-힣]", guard.Description.Ko);
            Assert.Matches("[A-Za-z]", guard.Description.En);
        }
    }

    [Fact]
    public void Templates_EveryNoticeUsedByAWorkflow_ParsesAndNamesTheOfficial()
    {
        var used = WorkflowTestData.Catalog.All.SelectMany(d => d.Transitions).SelectMany(t => t.Notices).Distinct().ToList();

        foreach (var name in used)
        {
            var path = Path.Combine(WorkflowTestData.TemplatesFolder, name + ".ko.sbn");
            var template = Template.Parse(File.ReadAllText(path), path);

            Assert.False(template.HasErrors, string.Join("; ", template.Messages));
            var text = template.Render(new
            {
                agency = new { name = "서울특별시 종로구" },
                official = new { unit = "민원여권과", name = "김민원", contact = "02-2148-1234" },
                petitioner = new { name = "홍길동" },
                petition = new { number = "2026-000123", title = "건축허가 신청", received_at = "2026-03-09 10:00", due = "2026-03-20", guidance = "구비서류 안내" },
                supplementation = new { items = "도면 사본", reason = "도면 누락", due_date = "2026-03-16" },
                extension = new { reason = "관계 기관 협의", days = 5, expected_completion = "2026-03-27" },
                transferral = new { target = "국토교통부", reason = "소관 기관", at = "2026-03-09 11:00" },
                progress = new { summary = "현장 확인 중", expected_completion = "2026-04-10" },
                result = new { decision = "인용", reason = "", remedies = "" },
                objection = new { received_on = "2026-03-02", decision = "기각", reason = "원처분 적법", remedies = "행정심판·행정소송" },
            });
            Assert.Contains("민원여권과 김민원 (연락처 02-2148-1234)", text, StringComparison.Ordinal);
            Assert.Contains("홍길동", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CliDiagram_OtherVersion1_PrintsMermaidFromStateless()
    {
        var (exit, output, error) = await Run("workflows", "diagram", "other", "--version", "1", "--workflows", WorkflowTestData.WorkflowsFolder);

        Assert.True(exit == 0, error);
        Assert.Equal(new PetitionMachine(WorkflowTestData.Catalog.Get("other", 1)).Diagram(), output);
    }

    [Fact]
    public async Task CliDiagram_UnknownId_ExitsOne()
    {
        var (exit, _, error) = await Run("workflows", "diagram", "petition", "--workflows", WorkflowTestData.WorkflowsFolder);

        Assert.Equal(1, exit);
        Assert.Contains("no workflow 'petition'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CliDiff_OtherV1ToV2_ReportsTheAddedReminder()
    {
        var (exit, output, error) = await Run("workflows", "diff", "other", "1", "2", "--workflows", WorkflowTestData.WorkflowsFolder);

        Assert.True(exit == 0, error);
        Assert.Contains("1 difference(s)", output, StringComparison.Ordinal);
        Assert.Contains("milestones   + two-thirds-reminder: at 0.67 of the period", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_ChangedPeriodStateTransitionAndGuard_EachReported()
    {
        var v1 = WorkflowTestData.Catalog.Get("grievance", 1);
        var changed = v1 with
        {
            Period = v1.Period with { Fixed = Treatment.Core.Clock.TreatmentPeriod.Days(10) },
            States = v1.States.RemoveAll(s => s.Name == "withdrawn"),
            Transitions = v1.Transitions
                .RemoveAll(t => t.Trigger == "withdraw")
                .Select(t => t.Trigger == "extend" ? t with { Guards = t.Guards.Remove("SecondExtensionRequiresConsent") } : t)
                .ToImmutableArray(),
        };

        var diff = WorkflowDiff.Compare(v1, changed).Select(e => e.ToString()).ToList();

        Assert.Contains("period       ~ value: 7d → 10d", diff);
        Assert.Contains(diff, l => l.StartsWith("states       - withdrawn", StringComparison.Ordinal));
        Assert.Contains(diff, l => l.StartsWith("transitions  - withdraw", StringComparison.Ordinal));
        Assert.Contains(diff, l => l.StartsWith("transitions  ~ extend", StringComparison.Ordinal));
        Assert.Contains(diff, l => l.StartsWith("guards       - SecondExtensionRequiresConsent", StringComparison.Ordinal));
        Assert.Contains(diff, l => l.StartsWith("roles        - Petitioner", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DocsWorkflowsMd_Committed_EqualsCliOutput()
    {
        var committed = await File.ReadAllTextAsync(Path.Combine(WorkflowTestData.RepositoryRoot, "docs", "workflows.md"));

        var (exit, output, error) = await Run("workflows", "docs", "--workflows", WorkflowTestData.WorkflowsFolder);

        Assert.True(exit == 0, error);
        Assert.True(committed == output, "docs/workflows.md is stale: run scripts/workflow-docs");
        foreach (var id in new[] { "legal", "inquisitive", "recommendatory", "grievance", "other" })
        {
            Assert.Contains($"`{id}` v1", committed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CliUnknownSubcommand_ExitsTwo()
    {
        var (exit, _, _) = await Run("workflows", "publish");

        Assert.Equal(2, exit);
    }
}
