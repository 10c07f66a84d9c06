namespace Treatment.Core.Workflows;

/// <summary>Who may fire a transition. System fires automatic ones; Petitioner acts through the channels.</summary>
public enum WorkflowRole
{
    Official,
    Supervisor,
    Examiner,
    Analyst,
    Admin,
    System,
    Petitioner,
}
