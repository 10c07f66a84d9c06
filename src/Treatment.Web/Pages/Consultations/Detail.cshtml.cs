using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Complex;
using Treatment.Core.Petitions;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Consultations;

/// <summary>One consultation with the shared part of its petition (the explicit grant), and the answer form.</summary>
public sealed class DetailModel(ComplexPetitionService complex) : PageModel
{
    public SharedPart Shared { get; private set; } = null!;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Message = TempData["message"] as string;
        Error = TempData["error"] as string;
        if (await complex.SharedPartAsync(User.ToActor(), id, ct) is not { } shared)
        {
            return NotFound();
        }

        Shared = shared;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, ConsultationOpinion opinion, string? reply, uint? version, CancellationToken ct)
    {
        var result = await complex.AnswerAsync(User.ToActor(), id, opinion, reply, version, ct);
        if (result.Error is { Kind: PetitionErrorKind.NotFound })
        {
            return NotFound();
        }

        TempData[result.IsSuccess ? "message" : "error"] = result.IsSuccess
            ? L.T("회신했습니다.", "Answered.")
            : L.T(result.Error!.Message) + (result.Error.Fields is { Count: > 0 } f ? " — " + string.Join("; ", f.SelectMany(e => e.Value)) : "");
        return Redirect($"/Consultations/{id}");
    }
}
