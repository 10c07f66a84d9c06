using Treatment.Core.Clock;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;
using YamlDotNet.Serialization;

namespace Treatment.Core.Petitioner;

/// <summary>One action a petitioner may take through a channel (workflows/standards/petitioner-actions.yaml).</summary>
/// <param name="Effects">the effects one of which the transition the action fires declares; empty for a recorded statement</param>
/// <param name="Records">the statement recorded (<see cref="PetitionerRecords"/>), or null for a transition</param>
/// <param name="Reply">the agency's limit to answer a recorded demand, counted in working time</param>
public sealed record PetitionerAction(string Name, LocalizedText Title, IReadOnlyList<string> Effects, string? Records, bool Documents, TreatmentPeriod? Reply, IReadOnlyList<string> Grounds, string Basis)
{
    /// <summary>The ground that stands only once the treatment period has expired (Decree §18).</summary>
    public string? GroundAfterExpiry { get; init; }
}

/// <summary>The statements a petitioner action can record; the YAML names which action records which.</summary>
public static class PetitionerRecords
{
    public const string ExtensionConsent = "extension-consent";
    public const string CorrectionDemand = "correction-demand";

    public static readonly IReadOnlyList<string> All = [ExtensionConsent, CorrectionDemand];
}

/// <summary>The petitioner actions, loaded and checked at start-up: a bad file stops it naming the file.</summary>
public sealed class PetitionerActionCatalog(IReadOnlyList<PetitionerAction> actions)
{
    public IReadOnlyList<PetitionerAction> Actions { get; } = actions;

    public PetitionerAction? Find(string name) => Actions.FirstOrDefault(a => a.Name == name);

    /// <summary>The action that records <paramref name="statement"/>, for reports and titles.</summary>
    public PetitionerAction? Recording(string statement) => Actions.FirstOrDefault(a => a.Records == statement);

    public static PetitionerActionCatalog Load(string workflowsFolder)
    {
        var path = Path.Combine(workflowsFolder, "standards", "petitioner-actions.yaml");
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: missing (the petitioner's actions through channels are read from it)");
        }

        ActionsFile? file;
        try
        {
            file = new DeserializerBuilder().Build().Deserialize<ActionsFile>(File.ReadAllText(path));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InvalidDataException($"{path}:{ex.Start.Line}: {ex.Message}", ex);
        }

        var known = EffectRegistry.Default;
        var actions = new List<PetitionerAction>();
        foreach (var entry in file?.Actions ?? [])
        {
            if (entry.Name is not { Length: > 0 } name || actions.Any(a => a.Name == name))
            {
                throw new InvalidDataException($"{path}: every action needs a unique name ('{entry.Name}')");
            }

            var effects = entry.Effects ?? [];
            if ((effects.Count == 0) == (entry.Records is null))
            {
                throw new InvalidDataException($"{path}: action '{name}' needs exactly one of effects and records");
            }

            if (effects.FirstOrDefault(e => !known.TryGet(e, out _)) is { } unknown)
            {
                throw new InvalidDataException($"{path}: action '{name}' names the unknown effect '{unknown}'");
            }

            if (entry.Records is { } records && !PetitionerRecords.All.Contains(records))
            {
                throw new InvalidDataException($"{path}: action '{name}' records the unknown statement '{records}' (known: {string.Join(", ", PetitionerRecords.All)})");
            }

            TreatmentPeriod? reply = null;
            if (entry.Reply is { } replyText)
            {
                if (!TreatmentPeriod.TryParse(replyText, out var parsed))
                {
                    throw new InvalidDataException($"{path}: action '{name}': reply '{replyText}' is not a period such as 8h or 3d");
                }

                reply = parsed;
            }

            var ko = entry.Titles?.GetValueOrDefault("ko") ?? name;
            var en = entry.Titles?.GetValueOrDefault("en") ?? name;
            actions.Add(new PetitionerAction(name, new LocalizedText(ko, en), effects, entry.Records, entry.Documents, reply, entry.Grounds ?? [], entry.Basis ?? "")
            {
                GroundAfterExpiry = entry.GroundAfterExpiry,
            });
        }

        return new PetitionerActionCatalog(actions);
    }

    private sealed class ActionsFile
    {
        [YamlMember(Alias = "actions")]
        public List<ActionEntry>? Actions { get; set; }
    }

    private sealed class ActionEntry
    {
        [YamlMember(Alias = "name")]
        public string? Name { get; set; }

        [YamlMember(Alias = "titles")]
        public Dictionary<string, string>? Titles { get; set; }

        [YamlMember(Alias = "effects")]
        public List<string>? Effects { get; set; }

        [YamlMember(Alias = "records")]
        public string? Records { get; set; }

        [YamlMember(Alias = "documents")]
        public bool Documents { get; set; }

        [YamlMember(Alias = "reply")]
        public string? Reply { get; set; }

        [YamlMember(Alias = "grounds")]
        public List<string>? Grounds { get; set; }

        [YamlMember(Alias = "groundAfterExpiry")]
        public string? GroundAfterExpiry { get; set; }

        [YamlMember(Alias = "basis")]
        public string? Basis { get; set; }
    }
}
