using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Core.Workflows;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Admin;

public sealed class WorkflowModel(AdminService admin) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public int Version { get; set; }

    /// <summary>The version to compare with; defaults to the previous one.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Compare { get; set; }

    public WorkflowDefinition Definition { get; private set; } = null!;

    public string Diagram { get; private set; } = "";

    public IReadOnlyList<int> Versions { get; private set; } = [];

    public IReadOnlyList<WorkflowDiffEntry>? Diff { get; private set; }

    public IActionResult OnGet()
    {
        var actor = User.ToActor();
        if (admin.Workflow(actor, Id, Version) is not { } definition)
        {
            return NotFound();
        }

        Definition = definition;
        Diagram = new PetitionMachine(definition).Diagram();
        Versions = admin.Workflows(actor).Where(w => w.Id == Id).Select(w => w.Version).ToList();
        Compare ??= Versions.Where(v => v < Version).Cast<int?>().LastOrDefault();
        if (Compare is { } other && other != Version)
        {
            Diff = admin.Diff(actor, Id, other, Version);
        }

        return Page();
    }
}
