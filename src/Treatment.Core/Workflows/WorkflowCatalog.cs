namespace Treatment.Core.Workflows;

/// <summary>A published version whose file no longer matches the hash the database recorded.</summary>
/// <param name="EffectsHash">the companion effects file's hash once recorded (null: not yet recorded)</param>
public sealed record PublishedHash(string Id, int Version, string ContentHash, string? EffectsHash = null);

/// <summary>All loaded workflow versions: new petitions take <see cref="Latest"/>, open ones keep their pinned version.</summary>
public sealed class WorkflowCatalog
{
    private readonly Dictionary<(string Id, int Version), WorkflowDefinition> _byKey;

    public WorkflowCatalog(IEnumerable<WorkflowDefinition> definitions)
    {
        _byKey = new Dictionary<(string, int), WorkflowDefinition>();
        foreach (var d in definitions)
        {
            if (!_byKey.TryAdd((d.Id, d.Version), d))
            {
                throw new ArgumentException($"duplicate workflow {d.Id} v{d.Version}", nameof(definitions));
            }
        }
    }

    /// <summary>Loads the folder and fails on any error, as start-up must (architecture: "Workflow definitions").</summary>
    public static WorkflowCatalog LoadOrThrow(string workflowsFolder, string templatesFolder)
    {
        var result = WorkflowLoader.LoadFolder(workflowsFolder, templatesFolder);
        return result.Ok ? new WorkflowCatalog(result.Definitions) : throw new WorkflowLoadException(result.Errors);
    }

    public IReadOnlyList<WorkflowDefinition> All => _byKey.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version).ToList();

    public IEnumerable<string> Ids => _byKey.Keys.Select(k => k.Id).Distinct().Order(StringComparer.Ordinal);

    public WorkflowDefinition Get(string id, int version) =>
        TryGet(id, version) ?? throw new KeyNotFoundException($"workflow {id} v{version} is not loaded");

    public WorkflowDefinition? TryGet(string id, int version) => _byKey.GetValueOrDefault((id, version));

    public WorkflowDefinition Latest(string id) =>
        _byKey.Values.Where(d => d.Id == id).MaxBy(d => d.Version) ?? throw new KeyNotFoundException($"no workflow '{id}'");

    /// <summary>The machine for a petition, built from the version it is pinned to.</summary>
    public PetitionMachine MachineFor(PetitionFacts facts) => new(Get(facts.WorkflowId, facts.WorkflowVersion));

    /// <summary>
    /// Compares the hashes the database recorded for published versions with the loaded files. A changed file for a
    /// known version is an error: a published version never changes, the operator adds v&lt;N+1&gt; instead.
    /// </summary>
    public IReadOnlyList<WorkflowError> VerifyPublishedHashes(IEnumerable<PublishedWorkflowVersion> known) =>
        VerifyPublishedHashes(known.Select(k => new PublishedHash(k.WorkflowId, k.Version, k.ContentHash, k.EffectsHash)));

    /// <inheritdoc cref="VerifyPublishedHashes(IEnumerable{PublishedWorkflowVersion})"/>
    public IReadOnlyList<WorkflowError> VerifyPublishedHashes(IEnumerable<PublishedHash> known)
    {
        var errors = new List<WorkflowError>();
        foreach (var k in known)
        {
            if (TryGet(k.Id, k.Version) is not { } d)
            {
                errors.Add(new WorkflowError($"workflows/{k.Id}/v{k.Version}.yaml", 0, $"{k.Id} v{k.Version}",
                    $"published workflow {k.Id} v{k.Version} is missing: restore the file, petitions may be pinned to it"));
            }
            else if (!string.Equals(d.ContentHash, k.ContentHash, StringComparison.OrdinalIgnoreCase))
            {
                var next = _byKey.Keys.Where(x => x.Id == k.Id).Max(x => x.Version) + 1;
                errors.Add(new WorkflowError(d.Source.File, 1, $"{k.Id} v{k.Version}",
                    $"published workflow {k.Id} v{k.Version} was changed (hash {d.ContentHash[..12]}…, recorded {k.ContentHash[..Math.Min(12, k.ContentHash.Length)]}…): restore it and put the change in a new file v{next}.yaml"));
            }
            else if (k.EffectsHash is { } recorded && !string.Equals(d.EffectsHash, recorded, StringComparison.OrdinalIgnoreCase))
            {
                var next = _byKey.Keys.Where(x => x.Id == k.Id).Max(x => x.Version) + 1;
                errors.Add(new WorkflowError($"workflows/{k.Id}/v{k.Version}.effects.yaml", 1, $"{k.Id} v{k.Version}",
                    $"the published effects of {k.Id} v{k.Version} were changed (hash {d.EffectsHash?[..12] ?? "none"}…, recorded {recorded[..Math.Min(12, recorded.Length)]}…): restore the file and put the change in a new version v{next}"));
            }
        }

        return errors;
    }
}
