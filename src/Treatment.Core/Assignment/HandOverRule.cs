using Treatment.Core.Clock;
using Treatment.Core.Workflows;
using YamlDotNet.Serialization;

namespace Treatment.Core.Assignment;

/// <summary>
/// The hand-over between departments (Decree §13②), from workflows/standards/hand-over.yaml: the obligation's name,
/// its limit in working hours, titles and basis. Data, so the code never spells the obligation.
/// </summary>
public sealed record HandOverRule(string Obligation, TreatmentPeriod Within, LocalizedText Title, string Basis)
{
    /// <summary>Loads the file; a missing or bad file stops start-up naming the file and line.</summary>
    public static HandOverRule Load(string workflowsFolder)
    {
        var path = Path.Combine(workflowsFolder, "standards", "hand-over.yaml");
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: missing (the hand-over obligation of Decree §13② is read from it)");
        }

        try
        {
            var file = new DeserializerBuilder().Build().Deserialize<HandOverFile>(File.ReadAllText(path));
            if (file?.Obligation is not { Length: > 0 } obligation)
            {
                throw new InvalidDataException($"{path}:1: 'obligation' is required");
            }

            if (!TreatmentPeriod.TryParse(file.Within, out var within) || within.Unit != PeriodUnit.Hours)
            {
                throw new InvalidDataException($"{path}: 'within' must be working hours such as 3h");
            }

            var ko = file.Titles?.GetValueOrDefault("ko") ?? obligation;
            var en = file.Titles?.GetValueOrDefault("en") ?? obligation;
            return new HandOverRule(obligation, within, new LocalizedText(ko, en), file.Basis ?? "");
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InvalidDataException($"{path}:{ex.Start.Line}: {ex.Message}", ex);
        }
    }

    /// <summary>The instant by which a department that received the petition at <paramref name="receivedAt"/> must hand it over.</summary>
    public DateTimeOffset DueFrom(DateTimeOffset receivedAt, IDeadlineCalculator clock) =>
        clock.Compute(new DeadlineRequest(receivedAt, Within)).GetValueOrThrow().Due.ToUniversalTime();

    private sealed class HandOverFile
    {
        [YamlMember(Alias = "obligation")]
        public string? Obligation { get; set; }

        [YamlMember(Alias = "within")]
        public string? Within { get; set; }

        [YamlMember(Alias = "titles")]
        public Dictionary<string, string>? Titles { get; set; }

        [YamlMember(Alias = "basis")]
        public string? Basis { get; set; }
    }
}
