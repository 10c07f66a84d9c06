using System.Security.Cryptography;
using System.Text;
using Treatment.Core.Workflows;

namespace Treatment.Core.Reports;

/// <summary>The calendar and workflow definition versions a report was computed with (stored with each frozen run).</summary>
public sealed record ReportVersions(string Calendar, string Definitions)
{
    /// <summary>Calendar: SHA-256 (first 16 hex) of the calendar files in name order; definitions: "id vN hash" per loaded version.</summary>
    public static ReportVersions From(WorkflowCatalog catalog, string calendarFolder)
    {
        using var sha = SHA256.Create();
        foreach (var file in Directory.GetFiles(calendarFolder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Encoding.UTF8.GetBytes(Path.GetFileName(file));
            sha.TransformBlock(name, 0, name.Length, null, 0);
            var bytes = File.ReadAllBytes(file);
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }

        sha.TransformFinalBlock([], 0, 0);
        var calendar = "sha256:" + Convert.ToHexStringLower(sha.Hash!)[..16];
        var definitions = string.Join("; ", catalog.All.Select(d => $"{d.Id} v{d.Version} {d.ContentHash[..Math.Min(12, d.ContentHash.Length)]}"));
        return new ReportVersions(calendar, definitions);
    }
}
