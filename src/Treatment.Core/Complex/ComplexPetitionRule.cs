using Treatment.Core.Clock;
using Treatment.Core.Workflows;
using YamlDotNet.Serialization;

namespace Treatment.Core.Complex;

/// <summary>
/// The consultation standard of complex petitions, from workflows/standards/complex-petitions.yaml: the default period
/// of a consultation where the lead department names none, its titles and basis. Data, so the code spells no period.
/// </summary>
public sealed record ComplexPetitionRule(TreatmentPeriod DefaultConsultationPeriod, LocalizedText Title, string Basis)
{
    public const string FileName = "complex-petitions.yaml";

    /// <summary>Loads the file; a missing or bad file stops start-up naming the file and line.</summary>
    public static ComplexPetitionRule Load(string workflowsFolder)
    {
        var path = Path.Combine(workflowsFolder, "standards", FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: missing (the consultation period of complex petitions is read from it)");
        }

        try
        {
            var file = new DeserializerBuilder().Build().Deserialize<RuleFile>(File.ReadAllText(path));
            if (file?.Consultation is not { } consultation)
            {
                throw new InvalidDataException($"{path}:1: 'consultation' is required");
            }

            if (!TreatmentPeriod.TryParse(consultation.DefaultPeriod, out var period) || period.Unit is not (PeriodUnit.Hours or PeriodUnit.Days))
            {
                throw new InvalidDataException($"{path}: 'consultation.default-period' must be hours or days such as 3d");
            }

            var ko = consultation.Titles?.GetValueOrDefault("ko") ?? "협의 기한";
            var en = consultation.Titles?.GetValueOrDefault("en") ?? "Consultation due";
            return new ComplexPetitionRule(period, new LocalizedText(ko, en), consultation.Basis ?? "");
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InvalidDataException($"{path}:{ex.Start.Line}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The consultation's due: the period asked for (or the default) from the request, on the statutory clock, and never
    /// later than the petition's own due (policy consultation-due-default).
    /// </summary>
    public DateTimeOffset DueFrom(DateTimeOffset requestedAt, TreatmentPeriod? period, DateTimeOffset? petitionDue, IDeadlineCalculator clock)
    {
        var due = clock.Compute(new DeadlineRequest(requestedAt, period ?? DefaultConsultationPeriod)).GetValueOrThrow().Due.ToUniversalTime();
        return petitionDue is { } limit && limit < due ? limit.ToUniversalTime() : due;
    }

    private sealed class RuleFile
    {
        [YamlMember(Alias = "consultation")]
        public ConsultationSection? Consultation { get; set; }
    }

    private sealed class ConsultationSection
    {
        [YamlMember(Alias = "default-period")]
        public string? DefaultPeriod { get; set; }

        [YamlMember(Alias = "titles")]
        public Dictionary<string, string>? Titles { get; set; }

        [YamlMember(Alias = "basis")]
        public string? Basis { get; set; }
    }
}
