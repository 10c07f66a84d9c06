namespace Treatment.Core.Workflows;

/// <summary>A workflow version the database has seen, with the hash of its file: a published version never changes.</summary>
public sealed class PublishedWorkflowVersion
{
    public required string WorkflowId { get; set; }

    public int Version { get; set; }

    public required string ContentHash { get; set; }

    /// <summary>Hash of the companion v&lt;N&gt;.effects.yaml, recorded the first time it is loaded; it never changes after.</summary>
    public string? EffectsHash { get; set; }

    public DateTimeOffset FirstLoadedAt { get; set; }
}
