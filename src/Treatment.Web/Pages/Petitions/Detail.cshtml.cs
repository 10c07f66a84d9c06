using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Petitions;

/// <summary>The petition page: reads through the back-office scope, changes only through the petition service.</summary>
public sealed partial class DetailModel(PetitionPageService pages, PetitionService petitions) : PageModel
{
    public PetitionView View { get; private set; } = null!;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<PermittedAction> Actions { get; private set; } = [];

    public RevealedPersonalData? Revealed { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message = TempData["message"] as string;
        Error = TempData["error"] as string;
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await LoadSameMatterAsync(id, ct);
        await LoadManyPersonAsync(id, ct);
        await LoadComplexAsync(id, ct);
        await LoadPackageAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostFireAsync(long id, ActionForm form, CancellationToken ct)
    {
        var actor = User.ToActor();
        if (await pages.GetAsync(actor, id, ct) is not { } view)
        {
            return NotFound();
        }

        var result = await petitions.FireAsync(id, form.Trigger, form, actor, form.Version, ct);
        if (result.IsSuccess)
        {
            var done = L.T(CodeTitles.Trigger(view.Definition, form.Trigger));
            TempData["message"] = L.T($"처리했습니다: {done}", $"Done: {done}");
        }
        else if (result.Error!.Kind == PetitionErrorKind.NotFound)
        {
            return NotFound();
        }
        else
        {
            TempData["error"] = Describe(result.Error);
        }

        return Redirect($"/Petitions/{id}");
    }

    public async Task<IActionResult> OnPostRevealAsync(long id, string? reason, CancellationToken ct)
    {
        var result = await petitions.RevealPersonalDataAsync(id, reason ?? "", User.ToActor(), ct);
        if (!result.IsSuccess && result.Error!.Kind == PetitionErrorKind.NotFound)
        {
            return NotFound();
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        // Shown once in this response only: never put into TempData, a cookie, or a cache.
        Security.SecurityHeadersExtensions.NoStore(Response);
        Revealed = result.Value;
        Error = result.IsSuccess ? null : Describe(result.Error!);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var actor = User.ToActor();
        var view = await pages.GetAsync(actor, id, ct);
        if (view is null)
        {
            return false;
        }

        View = view;
        Actions = petitions.AllowedActions(view.Petition, actor);
        return true;
    }

    private static string Describe(PetitionError error) =>
        L.T(error.Message) + (error.Fields is { Count: > 0 } fields ? " — " + string.Join("; ", fields.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}"))) : "");
}

/// <summary>What one action form posts: the trigger, the version the page showed, and the inputs the trigger needs.</summary>
public sealed record ActionForm : TriggerInputs
{
    public string Trigger { get; init; } = "";

    public uint? Version { get; init; }
}
