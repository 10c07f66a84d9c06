using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CsvHelper;
using Scriban;
using Scriban.Runtime;

namespace Treatment.Core.Reports;

/// <summary>The report as JSON (every figure), CSV (one file per table) and print-friendly HTML (Scriban, inline SVG).</summary>
public static class ReportRenderer
{
    public const string HtmlTemplate = "reports/yearly.html.sbn";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Hangul stays readable in the file (it round-trips either way).
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string ToJson(YearlyReport report) => JsonSerializer.Serialize(report, Json);

    public static YearlyReport FromJson(string json) => JsonSerializer.Deserialize<YearlyReport>(json, Json)
        ?? throw new InvalidDataException("empty report JSON");

    /// <summary>One CSV per table (file name = table id), plus the channel trend and the appendix.</summary>
    public static IReadOnlyList<(string Name, string Content)> ToCsvFiles(YearlyReport report)
    {
        var files = new List<(string, string)>();
        foreach (var table in report.Sections.SelectMany(s => s.Tables))
        {
            files.Add(($"{table.Id}.csv", Csv(w =>
            {
                foreach (var column in table.KeyColumns)
                {
                    w.WriteField(column);
                }

                w.WriteField(report.Year.ToString(Invariant));
                w.WriteField(report.PreviousYear.ToString(Invariant));
                w.NextRecord();
                foreach (var row in table.Rows)
                {
                    foreach (var key in row.Keys)
                    {
                        w.WriteField(key);
                    }

                    w.WriteField(Number(row.Current));
                    w.WriteField(Number(row.Previous));
                    w.NextRecord();
                }
            })));
        }

        files.Add(("channel-trend.csv", Csv(w =>
        {
            w.WriteField("year");
            w.WriteField("online");
            w.WriteField("offline");
            w.WriteField("online_share_percent");
            w.NextRecord();
            foreach (var p in report.ChannelTrend)
            {
                w.WriteField(p.Year.ToString(Invariant));
                w.WriteField(p.Online.ToString(Invariant));
                w.WriteField(p.Offline.ToString(Invariant));
                w.WriteField(p.OnlineShare.ToString(Invariant));
                w.NextRecord();
            }
        })));
        files.Add(("appendix.csv", Csv(w =>
        {
            w.WriteField("figure");
            w.WriteField("ko");
            w.WriteField("en");
            w.NextRecord();
            foreach (var d in report.Appendix)
            {
                w.WriteField(d.Figure);
                w.WriteField(d.Ko);
                w.WriteField(d.En);
                w.NextRecord();
            }
        })));
        return files;
    }

    /// <summary>The CSV files in one zip archive (the download of the analyst page).</summary>
    public static byte[] ToCsvZip(YearlyReport report)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in ToCsvFiles(report))
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                var bytes = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(content)).ToArray();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    public static string ToHtml(YearlyReport report, string templatesFolder)
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
            Year = report.Year,
            PreviousYear = report.PreviousYear,
            Scope = report.ScopeTitle,
            AsOf = report.AsOf.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm", Invariant),
            LastRunAt = report.LastRunAt?.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm", Invariant),
            Changes = report.ChangesSinceLastRun.Select(c => new { c.Table, c.Keys, Before = Number(c.Before), After = Number(c.After) }).ToList(),
            Sections = report.Sections.Select(s => new
            {
                s.Id,
                s.TitleKo,
                s.TitleEn,
                Tables = s.Tables.Select(t => new
                {
                    t.Id,
                    t.TitleKo,
                    t.TitleEn,
                    t.KeyColumns,
                    Rows = t.Rows.Select(r => new { r.Keys, Current = Number(r.Current), Previous = Number(r.Previous), Change = Change(r) }).ToList(),
                }).ToList(),
            }).ToList(),
            Trend = report.ChannelTrend.Select(p => new { p.Year, Online = p.Online.ToString("#,0", Invariant), Offline = p.Offline.ToString("#,0", Invariant), Share = p.OnlineShare.ToString("0.0", Invariant) }).ToList(),
            Charts = Charts(report),
            report.Appendix,
            FactMap = report.FactMap.Select(kv => new { Trigger = kv.Key, Fact = kv.Value }).ToList(),
            HasBenefits = report.Benefits is not null,
            Benefits = report.Benefits ?? BenefitEstimate.Compute([], []),
        }, renamer: member => StandardMemberRenamer.Default(member));
        model.Import("label", new Func<string, string>(ReportLabels.Of));
        var context = new TemplateContext { StrictVariables = true, LoopLimit = 0 };
        context.PushGlobal(model);
        return template.Render(context);
    }

    /// <summary>The report's three inline SVG charts, shared by the HTML file and the run page.</summary>
    public static ReportChartSet Charts(YearlyReport report) =>
        new(VolumeChart(report), OnTimeChart(report), ReportCharts.ChannelTrend(report.ChannelTrend));

    private static string VolumeChart(YearlyReport report)
    {
        var table = report.Table("volume.by-kind");
        return ReportCharts.HorizontalBars("종류별 접수 (Received by kind)",
            table.Rows.Where(r => r.Keys[0] != "total").Select(r => (ReportLabels.Of(r.Keys[0]), r.Current ?? 0, r.Previous ?? 0)).ToList(), "");
    }

    private static string OnTimeChart(YearlyReport report)
    {
        var rates = report.Table("timeliness.by-agency").Rows.Where(r => r.Keys[2] == "on-time-rate" && r.Current is not null)
            .Select(r => (r.Keys[0], r.Current ?? 0, r.Previous ?? 0)).Take(40).ToList();
        return ReportCharts.HorizontalBars("기관별 기한 내 처리율 (On-time rate by agency, %)", rates, "%", 100);
    }

    private static string Change(ReportRow row) => row is { Current: { } c, Previous: { } p } && p != 0
        ? ((c - p) / p * 100).ToString("+0.0;-0.0;0.0", Invariant) + "%"
        : "";

    /// <summary>Change against the previous year in percent ("+12.5%"), empty when there is no previous figure.</summary>
    public static string ChangeText(ReportRow row) => Change(row);

    public static string Number(decimal? value) => value is { } v ? v.ToString(v == decimal.Truncate(v) ? "0" : "0.##", Invariant) : "";

    private static string Csv(Action<CsvWriter> write)
    {
        using var text = new StringWriter(Invariant);
        using (var csv = new CsvWriter(text, Invariant))
        {
            write(csv);
        }

        return text.ToString();
    }
}

/// <summary>The report's charts as inline SVG text (escaped inside, safe to embed).</summary>
public sealed record ReportChartSet(string VolumeByKind, string OnTimeByAgency, string ChannelTrend);
