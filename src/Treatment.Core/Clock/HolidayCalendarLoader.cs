using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Treatment.Core.Clock;

/// <summary>
/// Reads the holiday rules and dated entries from every *.yaml file of a calendar folder (workflows/calendar); the
/// format is described in workflows/calendar/README.md. A bad file stops loading with its name and line.
/// </summary>
public static class HolidayCalendarLoader
{
    public static HolidayCalendar LoadFolder(string folder, int firstYear = HolidayCalendar.DefaultFirstYear, int lastYear = HolidayCalendar.DefaultLastYear)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"calendar folder not found: {folder}");
        }

        var rules = new List<HolidayRule>();
        var entries = new List<HolidayDataEntry>();
        var files = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var (fileRules, fileEntries) = Parse(File.ReadAllText(file), file);
            rules.AddRange(fileRules);
            entries.AddRange(fileEntries);
        }

        if (rules.Count == 0)
        {
            throw new CalendarFileException(folder, 0, "no holiday rules found (expected a file with a 'rules:' list)");
        }

        return new HolidayCalendar(rules, entries, firstYear, lastYear);
    }

    /// <summary>Parses one file's text; <paramref name="fileName"/> is used in error messages and as the entries' source.</summary>
    public static (IReadOnlyList<HolidayRule> Rules, IReadOnlyList<HolidayDataEntry> Entries) Parse(string yaml, string fileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new CalendarFileException(fileName, ex.Start.Line, ex.InnerException?.Message ?? ex.Message);
        }

        var rules = new List<HolidayRule>();
        var entries = new List<HolidayDataEntry>();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return (rules, entries);
        }

        var reader = new NodeReader(fileName);
        var root = reader.Mapping(stream.Documents[0].RootNode, "the file");
        foreach (var (key, value) in root.Children)
        {
            var name = reader.Scalar(key, "key");
            switch (name)
            {
                case "rules":
                    rules.AddRange(reader.Sequence(value, "rules").Children.Select(reader.Rule));
                    break;
                case "days":
                    entries.AddRange(reader.Sequence(value, "days").Children.Select(reader.Entry));
                    break;
                default:
                    throw reader.Error(key, $"unknown top-level key '{name}' (expected rules or days)");
            }
        }

        return (rules, entries);
    }

    private sealed class NodeReader(string file)
    {
        public CalendarFileException Error(YamlNode node, string problem) => new(file, node.Start.Line, problem);

        public YamlMappingNode Mapping(YamlNode node, string what) =>
            node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping");

        public YamlSequenceNode Sequence(YamlNode node, string what) =>
            node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list");

        public string Scalar(YamlNode node, string what) =>
            node is YamlScalarNode { Value: { } v } ? v : throw Error(node, $"{what} must be a plain value");

        public HolidayRule Rule(YamlNode node)
        {
            var map = Mapping(node, "a rule");
            var fields = Fields(map, ["name", "name_en", "kind", "solar", "lunar", "days", "from", "until", "basis", "substitutes"]);
            var name = Required(map, fields, "name");
            var nameEn = Required(map, fields, "name_en");
            var kindNode = fields.GetValueOrDefault("kind") ?? throw Error(map, "missing 'kind'");
            var kind = ParseKind(kindNode, [HolidayKind.Fixed, HolidayKind.National, HolidayKind.Lunar]);
            var basis = Required(map, fields, "basis");
            var solar = fields.GetValueOrDefault("solar");
            var lunar = fields.GetValueOrDefault("lunar");
            if ((solar is null) == (lunar is null))
            {
                throw Error(map, "a rule needs exactly one of 'solar: MM-DD' or 'lunar: MM-DD'");
            }

            var dateNode = solar ?? lunar!;
            var (month, day) = MonthDay(dateNode);
            if (solar is not null && day > DateTime.DaysInMonth(2024, month))
            {
                throw Error(dateNode, $"'{Scalar(dateNode, "date")}' is not a calendar day");
            }

            if (lunar is not null && day > 30)
            {
                throw Error(dateNode, "a lunar day is between 1 and 30");
            }

            IReadOnlyList<HolidayRuleDay> days = fields.TryGetValue("days", out var daysNode)
                ? Sequence(daysNode, "days").Children.Select(RuleDay).ToList()
                : [new HolidayRuleDay(0, name, nameEn)];
            if (days.Count == 0)
            {
                throw Error(map, "'days' must not be empty");
            }

            var from = fields.TryGetValue("from", out var f) ? Date(f) : (DateOnly?)null;
            var until = fields.TryGetValue("until", out var u) ? Date(u) : (DateOnly?)null;
            var substitutes = fields.TryGetValue("substitutes", out var s)
                ? Sequence(s, "substitutes").Children.Select(Substitute).ToList()
                : [];
            return new HolidayRule(name, nameEn, kind, lunar is not null, month, day, days, from, until, substitutes, basis);
        }

        public HolidayDataEntry Entry(YamlNode node)
        {
            var map = Mapping(node, "a day");
            var fields = Fields(map, ["date", "kind", "name", "name_en", "basis", "remove"]);
            var date = Date(fields.GetValueOrDefault("date") ?? throw Error(map, "missing 'date'"));
            var remove = fields.TryGetValue("remove", out var r) && Scalar(r, "remove") switch
            {
                "true" => true,
                "false" => false,
                _ => throw Error(r, "'remove' is true or false"),
            };
            var basis = Required(map, fields, "basis");
            if (remove)
            {
                var target = fields.TryGetValue("name", out var n) ? Scalar(n, "name") : "*";
                return new HolidayDataEntry(date, HolidayKind.Correction, HolidayEntryAction.Remove, target, target, basis, $"{file}:{map.Start.Line}");
            }

            var kindNode = fields.GetValueOrDefault("kind") ?? throw Error(map, "missing 'kind' (election, temporary or correction)");
            var kind = ParseKind(kindNode, [HolidayKind.Election, HolidayKind.Temporary, HolidayKind.Correction]);
            return new HolidayDataEntry(date, kind, HolidayEntryAction.Add, Required(map, fields, "name"), Required(map, fields, "name_en"), basis, $"{file}:{map.Start.Line}");
        }

        private HolidayRuleDay RuleDay(YamlNode node)
        {
            var map = Mapping(node, "a day of a rule");
            var fields = Fields(map, ["offset", "name", "name_en"]);
            var offsetNode = fields.GetValueOrDefault("offset") ?? throw Error(map, "missing 'offset'");
            if (!int.TryParse(Scalar(offsetNode, "offset"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset) || Math.Abs(offset) > 7)
            {
                throw Error(offsetNode, "'offset' is a whole number of days between -7 and 7");
            }

            return new HolidayRuleDay(offset, Required(map, fields, "name"), Required(map, fields, "name_en"));
        }

        private SubstitutePolicy Substitute(YamlNode node)
        {
            var map = Mapping(node, "a substitute policy");
            var fields = Fields(map, ["from", "on"]);
            var from = Date(fields.GetValueOrDefault("from") ?? throw Error(map, "missing 'from'"));
            var on = fields.GetValueOrDefault("on") ?? throw Error(map, "missing 'on'");
            var triggers = SubstituteTriggers.None;
            foreach (var item in Sequence(on, "on").Children)
            {
                triggers |= Scalar(item, "on") switch
                {
                    "saturday" => SubstituteTriggers.Saturday,
                    "sunday" => SubstituteTriggers.Sunday,
                    "holiday" => SubstituteTriggers.OtherHoliday,
                    var other => throw Error(item, $"unknown substitute trigger '{other}' (saturday, sunday, holiday)"),
                };
            }

            return new SubstitutePolicy(from, triggers);
        }

        private Dictionary<string, YamlNode> Fields(YamlMappingNode map, string[] allowed)
        {
            var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (key, value) in map.Children)
            {
                var name = Scalar(key, "key");
                if (!allowed.Contains(name))
                {
                    throw Error(key, $"unknown field '{name}' (allowed: {string.Join(", ", allowed)})");
                }

                fields[name] = value;
            }

            return fields;
        }

        private string Required(YamlMappingNode map, Dictionary<string, YamlNode> fields, string name)
        {
            var node = fields.GetValueOrDefault(name) ?? throw Error(map, $"missing '{name}'");
            var value = Scalar(node, name);
            return value.Length > 0 ? value : throw Error(node, $"'{name}' must not be empty");
        }

        private HolidayKind ParseKind(YamlNode node, HolidayKind[] allowed)
        {
            var text = Scalar(node, "kind");
            foreach (var kind in allowed)
            {
                if (string.Equals(kind.ToString(), text, StringComparison.OrdinalIgnoreCase))
                {
                    return kind;
                }
            }

            throw Error(node, $"unknown kind '{text}' (allowed: {string.Join(", ", allowed.Select(k => k.ToString().ToLowerInvariant()))})");
        }

        private DateOnly Date(YamlNode node)
        {
            var text = Scalar(node, "date");
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw Error(node, $"'{text}' is not a date (YYYY-MM-DD)");
        }

        private (int Month, int Day) MonthDay(YamlNode node)
        {
            var text = Scalar(node, "month-day");
            var parts = text.Split('-');
            if (parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day >= 1)
            {
                return (month, day);
            }

            throw Error(node, $"'{text}' is not MM-DD");
        }
    }
}
