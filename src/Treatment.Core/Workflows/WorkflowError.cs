namespace Treatment.Core.Workflows;

/// <summary>A problem in a workflow file: the file, the line and the offending name, so the operator can fix it.</summary>
public sealed record WorkflowError(string File, int Line, string Name, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>Start-up stops when the workflow files do not load cleanly.</summary>
public sealed class WorkflowLoadException(IReadOnlyList<WorkflowError> errors)
    : Exception("workflow definitions are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<WorkflowError> Errors { get; } = errors;
}
