using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Petitions;

public sealed class DetailModel(PetitionPageService pages) : PageModel
{
    public PetitionView View { get; private set; } = null!;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<Core.Workflows.PermittedAction> Actions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        // Outside the actor's scope reads as absent: 404, so the page does not confirm that the petition exists.
        var view = await pages.GetAsync(User.ToActor(), id, ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        Message = TempData["message"] as string;
        return Page();
    }
}
