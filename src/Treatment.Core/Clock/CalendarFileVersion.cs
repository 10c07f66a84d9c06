using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Treatment.Core.Clock;

/// <summary>
/// The calendar files (workflows/calendar/*.yaml) as last applied to the stored dues, audited: their digest, their text
/// (so a later correction can be previewed against them), who applied them and how many dues moved. The first row is
/// recorded at the first start without recounting (policy <c>calendar-files-first-start-is-the-baseline</c>).
/// </summary>
public sealed class CalendarFileVersion
{
    public long Id { get; set; }

    /// <summary>"sha256:" and the first 16 hex digits, as the report's calendar version names the files.</summary>
    public required string Digest { get; set; }

    /// <summary>The files by name, as JSON {"rules.yaml": "…"}.</summary>
    public required string Files { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    public Guid? AppliedById { get; set; }

    public required string Reason { get; set; }

    /// <summary>True for the first version, recorded without recounting any due.</summary>
    public bool Baseline { get; set; }

    public int PetitionsRecomputed { get; set; }
}

/// <summary>Reading, digesting and building the calendar from the files' text (the folder now, or a stored version).</summary>
public static class CalendarFiles
{
    /// <summary>The *.yaml files of the folder by name, in ordinal order (the order the loader reads them).</summary>
    public static SortedDictionary<string, string> Read(string folder)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.yaml"))
        {
            files[Path.GetFileName(file)] = File.ReadAllText(file, Encoding.UTF8);
        }

        return files;
    }

    /// <summary>The same digest as the report's calendar version: SHA-256 over each file's name and bytes, in name order.</summary>
    public static string Digest(IReadOnlyDictionary<string, string> files)
    {
        using var sha = SHA256.Create();
        foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            sha.TransformBlock(nameBytes, 0, nameBytes.Length, null, 0);
            var bytes = Encoding.UTF8.GetBytes(text);
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }

        sha.TransformFinalBlock([], 0, 0);
        return "sha256:" + Convert.ToHexStringLower(sha.Hash!)[..16];
    }

    public static string ToJson(IReadOnlyDictionary<string, string> files) => JsonSerializer.Serialize(files);

    public static SortedDictionary<string, string> FromJson(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [], StringComparer.Ordinal);

    /// <summary>The calendar the files describe, as <see cref="HolidayCalendarLoader.LoadFolder"/> builds it.</summary>
    public static HolidayCalendar Build(IReadOnlyDictionary<string, string> files, int firstYear, int lastYear)
    {
        var rules = new List<HolidayRule>();
        var entries = new List<HolidayDataEntry>();
        foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var (fileRules, fileEntries) = HolidayCalendarLoader.Parse(text, name);
            rules.AddRange(fileRules);
            entries.AddRange(fileEntries);
        }

        return new HolidayCalendar(rules, entries, firstYear, lastYear);
    }

    /// <summary>The dates that are a working day in one calendar and not in the other, over the years both cover.</summary>
    public static IReadOnlyList<DateOnly> ChangedDates(IHolidayCalendar before, IHolidayCalendar after)
    {
        var first = before.FirstDate > after.FirstDate ? before.FirstDate : after.FirstDate;
        var last = before.LastDate < after.LastDate ? before.LastDate : after.LastDate;
        var changed = new List<DateOnly>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (before.IsWorkingDay(date) != after.IsWorkingDay(date))
            {
                changed.Add(date);
            }
        }

        return changed;
    }
}
