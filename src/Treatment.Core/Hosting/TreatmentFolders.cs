namespace Treatment.Core.Hosting;

/// <summary>Where a host reads workflow definitions, calendar and standards data, and templates.</summary>
public sealed record TreatmentFolders(string Workflows, string Templates)
{
    public static TreatmentFolders Resolve(TreatmentOptions options, string contentRoot)
    {
        var workflows = options.WorkflowsFolder ?? RepositoryFolders.FindUpward("workflows", contentRoot, AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("workflows/ folder not found: set Treatment:WorkflowsFolder");
        var templates = options.TemplatesFolder ?? RepositoryFolders.FindUpward("templates", contentRoot, AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("templates/ folder not found: set Treatment:TemplatesFolder");
        return new TreatmentFolders(Path.GetFullPath(workflows), Path.GetFullPath(templates));
    }
}
