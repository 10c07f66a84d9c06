using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;

namespace Treatment.Core.Affairs;

/// <summary>What the importer could not take as it stands: the row is loaded without that field, never guessed.</summary>
public sealed record ImportProblem(int Line, string Code, string Message);

public sealed record AffairsImport(IReadOnlyList<CivilAffair> Affairs, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// Loads the treatment standards (workflows/standards/affairs.csv). Rows whose period is a range or missing are
/// loaded without a period and reported; rows without a code or name are reported and skipped.
/// </summary>
public static class AffairsCatalogImporter
{
    public static AffairsImport Load(string standardsFolder)
    {
        var csvPath = Path.Combine(standardsFolder, "affairs.csv");
        var rrnCodes = LoadResidentNumberAffairs(Path.Combine(standardsFolder, "resident-number-affairs.txt"));
        using var reader = new StreamReader(csvPath);
        return Parse(reader, rrnCodes);
    }

    public static AffairsImport Parse(TextReader reader, IReadOnlySet<string> residentNumberAffairs)
    {
        var affairs = new List<CivilAffair>();
        var problems = new List<ImportProblem>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { MissingFieldFound = null, BadDataFound = null };
        using var csv = new CsvReader(reader, config);
        csv.Read();
        csv.ReadHeader();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var code = (csv.GetField("code") ?? "").Trim();
            var nameKo = (csv.GetField("name_ko") ?? "").Trim();
            if (code.Length == 0 || nameKo.Length == 0)
            {
                problems.Add(new ImportProblem(line, code, "코드 또는 이름이 없어 건너뜀 (missing code or Korean name: skipped)"));
                continue;
            }

            if (!seen.Add(code))
            {
                problems.Add(new ImportProblem(line, code, "중복 코드라 건너뜀 (duplicate code: skipped)"));
                continue;
            }

            var affair = new CivilAffair
            {
                Code = code,
                NameKo = nameKo,
                NameEn = (csv.GetField("name_en") ?? "").Trim(),
                AgencyExample = csv.GetField("agency_example"),
                RequiredDocumentsKo = csv.GetField("required_documents_ko") ?? "",
                Fee = csv.GetField("fee_krw") ?? "",
                Statute = csv.GetField("statute") ?? "",
                Source = csv.GetField("source") ?? "",
                RequiresResidentNumber = residentNumberAffairs.Contains(code),
                DocumentTemplate = (csv.GetField("document_template") ?? "").Trim() is { Length: > 0 } template ? template : null,
            };

            var level = (csv.GetField("agency_level") ?? "").Trim();
            if (TryParseLevel(level, out var agencyLevel))
            {
                affair.AgencyLevel = agencyLevel;
            }
            else
            {
                problems.Add(new ImportProblem(line, code, $"기관 수준 '{level}'을 알 수 없어 local로 적재 (unknown agency level '{level}': loaded as local)"));
                affair.AgencyLevel = AgencyLevel.Local;
            }

            var unit = (csv.GetField("period_unit") ?? "").Trim();
            var value = (csv.GetField("period_value") ?? "").Trim();
            if (TryParsePeriod(unit, value, out var period))
            {
                affair.PeriodUnit = period.Unit;
                affair.PeriodValue = period.Value;
            }
            else
            {
                affair.PeriodNote = string.Join(' ', new[] { value, unit }.Where(s => s.Length > 0));
                var shown = affair.PeriodNote.Length == 0 ? "없음 (none)" : affair.PeriodNote;
                problems.Add(new ImportProblem(line, code, $"처리기간 '{shown}'을 하나의 값으로 읽을 수 없어 기간 없이 적재 (period '{shown}' is not one value: loaded without a period)"));
            }

            affairs.Add(affair);
        }

        return new AffairsImport(affairs, problems);
    }

    private static bool TryParseLevel(string text, out AgencyLevel level)
    {
        level = text switch
        {
            "central" => AgencyLevel.Central,
            "metropolitan" => AgencyLevel.Metropolitan,
            "local" => AgencyLevel.Local,
            "town" => AgencyLevel.Town,
            "public_institution" => AgencyLevel.PublicInstitution,
            _ => (AgencyLevel)(-1),
        };
        return (int)level >= 0;
    }

    private static bool TryParsePeriod(string unit, string value, out TreatmentPeriod period)
    {
        period = default;
        if (unit == "immediate" && value.Length == 0)
        {
            period = TreatmentPeriod.Immediate;
            return true;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return false;
        }

        PeriodUnit? parsed = unit switch
        {
            "hours" => PeriodUnit.Hours,
            "days" => PeriodUnit.Days,
            "weeks" => PeriodUnit.Weeks,
            "months" => PeriodUnit.Months,
            "years" => PeriodUnit.Years,
            _ => null,
        };
        if (parsed is null)
        {
            return false;
        }

        period = new TreatmentPeriod(parsed.Value, n);
        return true;
    }

    private static HashSet<string> LoadResidentNumberAffairs(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        return File.ReadLines(path)
            .Select(l => (l.Contains('#', StringComparison.Ordinal) ? l[..l.IndexOf('#', StringComparison.Ordinal)] : l).Trim())
            .Where(l => l.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
    }
}
