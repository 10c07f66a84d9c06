using System.Globalization;
using System.Net;
using System.Text;

namespace Treatment.Core.Reports;

/// <summary>Inline SVG charts for the HTML report: plain rectangles and text, so they print and need no script.</summary>
public static class ReportCharts
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Horizontal bars, one per label, each with the current year's value and a thin bar for the previous year.</summary>
    public static string HorizontalBars(string title, IReadOnlyList<(string Label, decimal Current, decimal Previous)> bars, string unit, decimal? max = null)
    {
        const int rowHeight = 26;
        const int labelWidth = 230;
        const int barWidth = 420;
        var height = 30 + (Math.Max(1, bars.Count) * rowHeight) + 24;
        var top = max ?? Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => Math.Max(b.Current, b.Previous)));
        var svg = new StringBuilder();
        svg.Append(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"700\" height=\"{height}\" viewBox=\"0 0 700 {height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.Append(Invariant, $"<title>{Escape(title)}</title><text x=\"0\" y=\"16\" font-weight=\"bold\">{Escape(title)}</text>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, current, previous) = bars[i];
            var y = 30 + (i * rowHeight);
            var w = (double)(barWidth * current / top);
            var wp = (double)(barWidth * previous / top);
            svg.Append(Invariant, $"<text x=\"{labelWidth - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{Escape(label)}</text>");
            svg.Append(Invariant, $"<rect x=\"{labelWidth}\" y=\"{y + 2}\" width=\"{w:0.#}\" height=\"14\" fill=\"#2b6cb0\"/>");
            svg.Append(Invariant, $"<rect x=\"{labelWidth}\" y=\"{y + 18}\" width=\"{wp:0.#}\" height=\"4\" fill=\"#a0aec0\"/>");
            svg.Append(Invariant, $"<text x=\"{labelWidth + w + 4:0.#}\" y=\"{y + 14}\">{current.ToString("#,0.#", Invariant)}{Escape(unit)}</text>");
        }

        var legendY = height - 6;
        svg.Append(Invariant, $"<rect x=\"{labelWidth}\" y=\"{legendY - 9}\" width=\"10\" height=\"10\" fill=\"#2b6cb0\"/><text x=\"{labelWidth + 14}\" y=\"{legendY}\">보고 연도 (year)</text>");
        svg.Append(Invariant, $"<rect x=\"{labelWidth + 130}\" y=\"{legendY - 6}\" width=\"10\" height=\"4\" fill=\"#a0aec0\"/><text x=\"{labelWidth + 144}\" y=\"{legendY}\">전년도 (previous year)</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Stacked columns per year: online below, offline above, with the online share printed on top.</summary>
    public static string ChannelTrend(IReadOnlyList<ChannelTrendPoint> points)
    {
        const int height = 274;
        const int plotTop = 44;
        const int plotHeight = 180;
        var width = Math.Max(300, 80 + (points.Count * 70));
        var max = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Online + p.Offline));
        var svg = new StringBuilder();
        svg.Append(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.Append("<title>온라인·오프라인 접수 추이 (Online vs offline by year)</title><text x=\"0\" y=\"16\" font-weight=\"bold\">온라인·오프라인 접수 추이 (Online vs offline by year)</text>");
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var x = 60 + (i * 70);
            var online = plotHeight * (double)p.Online / max;
            var offline = plotHeight * (double)p.Offline / max;
            var baseY = plotTop + plotHeight;
            svg.Append(Invariant, $"<rect x=\"{x}\" y=\"{baseY - online:0.#}\" width=\"40\" height=\"{online:0.#}\" fill=\"#2b6cb0\"/>");
            svg.Append(Invariant, $"<rect x=\"{x}\" y=\"{baseY - online - offline:0.#}\" width=\"40\" height=\"{offline:0.#}\" fill=\"#ed8936\"/>");
            svg.Append(Invariant, $"<text x=\"{x + 20}\" y=\"{baseY - online - offline - 4:0.#}\" text-anchor=\"middle\">{p.OnlineShare.ToString("0.#", Invariant)}%</text>");
            svg.Append(Invariant, $"<text x=\"{x + 20}\" y=\"{baseY + 16}\" text-anchor=\"middle\">{p.Year}</text>");
        }

        svg.Append(Invariant, $"<rect x=\"60\" y=\"{height - 18}\" width=\"10\" height=\"10\" fill=\"#2b6cb0\"/><text x=\"74\" y=\"{height - 9}\">온라인 (online)</text>");
        svg.Append(Invariant, $"<rect x=\"170\" y=\"{height - 18}\" width=\"10\" height=\"10\" fill=\"#ed8936\"/><text x=\"184\" y=\"{height - 9}\">오프라인 (offline)</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
