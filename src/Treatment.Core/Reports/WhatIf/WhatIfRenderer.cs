using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Scriban;
using Scriban.Runtime;

namespace Treatment.Core.Reports.WhatIf;

/// <summary>A what-if result as JSON (every figure), CSV (one row per agency, kind and affair) and HTML (Scriban).</summary>
public static class WhatIfRenderer
{
    public const string HtmlTemplate = "reports/whatif.html.sbn";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string ToJson(WhatIfResult result) => JsonSerializer.Serialize(result, WhatIfService.Json);

    public static string ToCsv(WhatIfResult result)
    {
        using var text = new StringWriter(Invariant);
        using (var csv = new CsvWriter(text, Invariant))
        {
            foreach (var header in new[] { "agency", "agency_name", "kind", "affair", "affair_name", "petitions", "decided", "on_time_recorded", "on_time_proposed", "turned_late", "turned_on_time", "dues_earlier", "dues_later", "open_overdue_recorded", "open_overdue_proposed" })
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var g in result.Groups)
            {
                csv.WriteField(g.AgencyCode);
                csv.WriteField(g.AgencyName);
                csv.WriteField(g.Kind);
                csv.WriteField(g.AffairCode ?? "");
                csv.WriteField(g.AffairName ?? "");
                foreach (var n in new[] { g.Petitions, g.Decided, g.OnTimeRecorded, g.OnTimeProposed, g.TurnedLate, g.TurnedOnTime, g.DuesEarlier, g.DuesLater, g.OpenOverdueRecorded, g.OpenOverdueProposed })
                {
                    csv.WriteField(n.ToString(Invariant));
                }

                csv.NextRecord();
            }
        }

        return text.ToString();
    }

    public static string ToHtml(WhatIfResult result, string templatesFolder)
    {
        var path = Path.Combine(templatesFolder, HtmlTemplate);
        var template = Template.Parse(File.ReadAllText(path), path);
        if (template.HasErrors)
        {
            throw new InvalidDataException($"{path}: {string.Join("; ", template.Messages)}");
        }

        var model = new ScriptObject();
        model.Import(new
        {
            result.Year,
            Proposal = result.ProposalText,
            Scope = result.ScopeTitle,
            AsOf = Kst(result.AsOf),
            result.Petitions,
            result.WithoutDue,
            result.Unreproduced,
            result.DuesMoved,
            result.OnTimeRecorded,
            result.OnTimeProposed,
            result.TurnedLate,
            result.TurnedOnTime,
            Groups = result.Groups.Where(Changed).ToList(),
            result.Milestones,
            Examples = result.Examples.Select(e => new { e.ReceiptNumber, e.Change, RecordedDue = Kst(e.RecordedDue), ProposedDue = Kst(e.ProposedDue) }).ToList(),
        }, renamer: member => StandardMemberRenamer.Default(member));
        var context = new TemplateContext { StrictVariables = true, LoopLimit = 0 };
        context.PushGlobal(model);
        return template.Render(context);
    }

    /// <summary>A row where the proposal changes something (the page and the HTML list only those).</summary>
    public static bool Changed(WhatIfGroup g) => g.DuesEarlier + g.DuesLater + g.TurnedLate + g.TurnedOnTime > 0 || g.OpenOverdueRecorded != g.OpenOverdueProposed;

    public static string Kst(DateTimeOffset? instant) => instant?.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm", Invariant) ?? "";
}
