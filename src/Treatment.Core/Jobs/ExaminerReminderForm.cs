using System.Globalization;
using System.Text;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;
using Treatment.Core.Clock;

namespace Treatment.Core.Jobs;

/// <summary>The values of one 독촉장: who sends it to whom, and the petition past its period.</summary>
public sealed record ExaminerReminderValues(string AgencyName, string DepartmentName, string ReceiptNumber, string Title, DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, DateTimeOffset IssuedAt);

/// <summary>
/// The examiner's reminder (독촉장, Enforcement Rule form 7, Decree §28②) rendered from templates/examiner/reminder.sbn,
/// Korean first and English second; parsed once at start-up with strict variables, so a bad template stops start-up.
/// </summary>
public sealed class ExaminerReminderForm
{
    public const string TemplatePath = "examiner/reminder.sbn";

    private readonly Template _template;
    private readonly string _file;

    private ExaminerReminderForm(Template template, string file) => (_template, _file) = (template, file);

    public static ExaminerReminderForm Load(string templatesFolder)
    {
        var file = Path.Combine(templatesFolder, TemplatePath);
        var display = Path.Combine("templates", TemplatePath);
        var template = Template.Parse(File.ReadAllText(file, Encoding.UTF8), display);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"{display}: " + string.Join("; ", template.Messages.Select(m => $"line {m.Span.Start.Line + 1}: {m.Message}")));
        }

        var form = new ExaminerReminderForm(template, display);
        form.Render(new ExaminerReminderValues("견본 기관", "견본과", "2026-SAMPLE-000001", "견본 <민원>", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(7), DateTimeOffset.UnixEpoch.AddDays(9)));
        return form;
    }

    /// <summary>The subject and plain-text body of the reminder mail (the outbox carries text).</summary>
    public (string Subject, string Body) Render(ExaminerReminderValues values)
    {
        var overdue = values.DueAt is { } due ? Math.Max(0, (int)Math.Ceiling((values.IssuedAt - due).TotalDays)) : 0;
        var globals = new ScriptObject
        {
            ["recipient"] = Section(("department", values.DepartmentName)),
            ["agency"] = Section(("name", values.AgencyName)),
            ["petition"] = Section(("number", values.ReceiptNumber), ("title", values.Title), ("received_at", Kst(values.ReceivedAt)), ("due", values.DueAt is { } d ? Kst(d) : "-")),
            ["reminder"] = Section(("issued_on", Kst(values.IssuedAt)[..10]), ("overdue_days", overdue.ToString(CultureInfo.InvariantCulture))),
        };
        var context = Notices.TemplateBuiltins.Context(loopLimit: 100);
        context.PushGlobal(globals);
        try
        {
            var body = _template.Render(context).ReplaceLineEndings("\n").TrimEnd() + "\n";
            return ($"[독촉장] 민원 {values.ReceiptNumber} 처리 독촉 (Reminder)", body);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new InvalidOperationException($"{_file}:{ex.Span.Start.Line + 1}: {ex.OriginalMessage}");
        }
    }

    private static ScriptObject Section(params (string Key, string Value)[] values)
    {
        var section = new ScriptObject();
        foreach (var (key, value) in values)
        {
            section[key] = value;
        }

        return section;
    }

    private static string Kst(DateTimeOffset at) => at.ToOffset(DeadlineCalculator.KstOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
