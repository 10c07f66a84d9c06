namespace Treatment.Core.Workflows;

/// <summary>A workflow version the database has seen, with the hash of its file: a published version never changes.</summary>
public sealed class PublishedWorkflowVersion
{
    public required string WorkflowId { get; set; }

    public int Version { get; set; }

    public required string ContentHash { get; set; }

    public DateTimeOffset FirstLoadedAt { get; set; }
}
