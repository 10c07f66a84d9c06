using Treatment.Cli;

namespace Treatment.Core.Tests.Workflows;

/// <summary>Broken copies of the shipped definitions fail `treatment workflows validate &lt;folder&gt;` naming file, line and the bad name.</summary>
public sealed class BrokenDefinitionTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "treatment-workflows-" + Guid.NewGuid().ToString("N"));

    public BrokenDefinitionTests()
    {
        Copy(WorkflowTestData.WorkflowsFolder, Path.Combine(_root, "workflows"));
        Copy(WorkflowTestData.TemplatesFolder, Path.Combine(_root, "templates"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Workflows => Path.Combine(_root, "workflows");

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static async Task<(int Exit, string Out, string Error)> Validate(string folder)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(["workflows", "validate", folder], new CliConsole(output, error, TextReader.Null), CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Replaces text in a copied file and returns the 1-based line where the replacement landed.</summary>
    private int Edit(string relative, string find, string replace, string lineOf)
    {
        var path = Path.Combine(Workflows, relative);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        var index = text.IndexOf(find, StringComparison.Ordinal);
        text = string.Concat(text.AsSpan(0, index), replace, text.AsSpan(index + find.Length));
        File.WriteAllText(path, text);
        var at = text.IndexOf(lineOf, index, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{lineOf}' not in the edited text");
        return text[..at].Count(c => c == '\n') + 1;
    }

    private async Task AssertFails(string file, int line, string badName)
    {
        var (exit, _, error) = await Validate(Workflows);

        Assert.Equal(1, exit);
        var messages = error.Split('\n').Where(l => l.StartsWith($"workflows/{file}:{line}: ", StringComparison.Ordinal)).ToList();
        Assert.True(messages.Any(m => m.Contains($"'{badName}'", StringComparison.Ordinal)),
            $"expected a message at workflows/{file}:{line} naming '{badName}', got:\n{error}");
    }

    [Fact]
    public async Task Validate_Shipped_ExitsZeroWithSummary()
    {
        var (exit, output, error) = await Validate(Workflows);

        Assert.True(exit == 0, error);
        Assert.Contains("legal", output, StringComparison.Ordinal);
        Assert.Contains("ok: 17 definition(s) in 17 file(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_EffectsFileWithUnknownEffect_NamesFileLineAndEffect()
    {
        var line = Edit("legal/v1.effects.yaml", "effects: [counts-as-returned]", "effects: [counts-as-lost]", "counts-as-lost");

        await AssertFails("legal/v1.effects.yaml", line, "counts-as-lost");
    }

    [Fact]
    public async Task Validate_EffectsFileWithUnknownTrigger_NamesFileLineAndTrigger()
    {
        var line = Edit("grievance/v1.effects.yaml", "  resolve:\n", "  settle:\n", "settle:");

        await AssertFails("grievance/v1.effects.yaml", line, "settle");
    }

    [Fact]
    public async Task Validate_EffectsFileWithUnknownDecision_NamesFileLineAndDecision()
    {
        var line = Edit("recommendatory/v1.effects.yaml", "decision: partly-granted", "decision: half-granted", "half-granted");

        await AssertFails("recommendatory/v1.effects.yaml", line, "half-granted");
    }

    [Fact]
    public async Task Validate_EffectWithoutTheInputItReads_NamesFileLineAndEffect()
    {
        var line = Edit("legal/v1.effects.yaml", "  grant:\n    decision: granted", "  grant:\n    decision: granted\n    effects: [sets-supplement-due]", "sets-supplement-due]");

        await AssertFails("legal/v1.effects.yaml", line, "sets-supplement-due");
    }

    [Fact]
    public async Task Validate_UnknownTargetState_NamesFileLineAndState()
    {
        var line = Edit("grievance/v1.yaml", "to: resolved", "to: solved", "to: solved");

        await AssertFails("grievance/v1.yaml", line, "solved");
    }

    [Fact]
    public async Task Validate_UnreachableState_NamesFileLineAndState()
    {
        var line = Edit("other/v1.yaml", "states:\n", "states:\n  - name: limbo\n    titles: { ko: 보류, en: Limbo }\n    clock: stopped\n    terminal: true\n", "- name: limbo");

        await AssertFails("other/v1.yaml", line, "limbo");
    }

    [Fact]
    public async Task Validate_DeadEndState_NamesFileLineAndState()
    {
        var line = Edit("recommendatory/v1.yaml", "states:\n", "states:\n  - name: parked\n    titles: { ko: 대기, en: Parked }\n    clock: running\n", "- name: parked");
        Edit("recommendatory/v1.yaml", "transitions:\n", "transitions:\n  - trigger: park\n    titles: { ko: 대기, en: Park }\n    from: received\n    to: parked\n    roles: [Official]\n    basis: \"none\"\n", "- trigger: park");

        await AssertFails("recommendatory/v1.yaml", line, "parked");
    }

    [Fact]
    public async Task Validate_DuplicateVersion_NamesFileLineAndVersion()
    {
        File.Copy(Path.Combine(Workflows, "other", "v1.yaml"), Path.Combine(Workflows, "other", "v4.yaml"));

        await AssertFails("other/v4.yaml", 2, "other v1");
        await AssertFails("other/v4.yaml", 3, "v4.yaml");
    }

    [Fact]
    public async Task Validate_UnknownTemplate_NamesFileLineAndTemplate()
    {
        var line = Edit("recommendatory/v1.yaml", "notices: [notices/transfer]", "notices: [notices/transferral]", "notices/transferral");

        await AssertFails("recommendatory/v1.yaml", line, "notices/transferral");
    }

    [Fact]
    public async Task Validate_TemplateFileMissing_NamesTheTransitionUsingIt()
    {
        File.Delete(Path.Combine(_root, "templates", "notices", "objection-decision.ko.sbn"));
        var text = File.ReadAllText(Path.Combine(Workflows, "legal", "v1.yaml"));
        var line = text[..text.IndexOf("notices: [notices/objection-decision]", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        await AssertFails("legal/v1.yaml", line, "notices/objection-decision");
    }

    [Theory]
    [InlineData("legal/v1.yaml", "guards: [SupplementExtensionAllowed]", "guards: [SupplementExtensionPermitted]", "SupplementExtensionPermitted")]
    [InlineData("legal/v1.yaml", "roles: [Petitioner, Official]", "roles: [Citizen, Official]", "Citizen")]
    [InlineData("legal/v1.yaml", "action: examiner-reminder", "action: send-reminder-letter", "send-reminder-letter")]
    [InlineData("legal/v1.yaml", "clock: pause:Supplement", "clock: pause:Supplementation", "Supplementation")]
    [InlineData("grievance/v1.yaml", "exclusion: GrievanceFieldInvestigation", "exclusion: FieldTrip", "FieldTrip")]
    [InlineData("legal/v1.yaml", "inputs: [reason, supplementDueDate]", "inputs: [reason, dueDate]", "dueDate")]
    [InlineData("inquisitive/v1.yaml", "until: [route, transfer, close-as-repeated, withdraw]", "until: [route, transfer, close-as-repeated, retract]", "retract")]
    [InlineData("legal/v1.yaml", "clock: restart:objectionDecision", "clock: restart:objectionDecisionPeriod", "objectionDecisionPeriod")]
    [InlineData("other/v1.yaml", "from: received\n    to: answered\n    roles: [Official]", "from: recieved\n    to: answered\n    roles: [Official]", "recieved")]
    [InlineData("grievance/v1.yaml", "  fieldInvestigationExtension:\n    period: 7d\n    basis: \"Decree §17⑤ (once, at most 7 more days)\"\n", "", "fieldInvestigationExtension")]
    public async Task Validate_UnknownName_NamesFileLineAndName(string file, string find, string replace, string badName)
    {
        var text = File.ReadAllText(Path.Combine(Workflows, file));
        int line;
        if (replace.Length == 0)
        {
            // A removed declaration is reported where it is used.
            Edit(file, find, replace, "");
            var edited = File.ReadAllText(Path.Combine(Workflows, file));
            var guardLine = edited.IndexOf("guards: [FieldInvestigationExtensionOnce]", StringComparison.Ordinal);
            line = edited[..guardLine].Count(c => c == '\n') + 1;
        }
        else
        {
            line = Edit(file, find, replace, badName);
        }

        Assert.NotEmpty(text);
        await AssertFails(file, line, badName);
    }

    [Fact]
    public async Task Validate_UnknownKey_NamesFileLineAndKey()
    {
        var line = Edit("other/v1.yaml", "    clock: stop\n    basis: \"Act §27②", "    clock: stop\n    notice: [notices/result]\n    basis: \"Act §27②", "notice:");

        await AssertFails("other/v1.yaml", line, "notice");
    }

    [Fact]
    public void LoadOrThrow_BrokenFile_StopsStartUpNamingFileAndLine()
    {
        var line = Edit("grievance/v1.yaml", "to: resolved", "to: solved", "to: solved");

        var ex = Assert.Throws<Treatment.Core.Workflows.WorkflowLoadException>(() =>
            Treatment.Core.Workflows.WorkflowCatalog.LoadOrThrow(Workflows, Path.Combine(_root, "templates")));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(("workflows/grievance/v1.yaml", line, "solved"), (error.File, error.Line, error.Name));
    }

    [Fact]
    public async Task Validate_MissingFolder_ExitsOne()
    {
        var (exit, _, error) = await Validate(Path.Combine(_root, "nowhere"));

        Assert.Equal(1, exit);
        Assert.Contains("not found", error, StringComparison.Ordinal);
    }
}
