using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Complex;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Consultations;

/// <summary>The consulted department's inbox of consultations (협의 요청함): what other departments asked of it, by due.</summary>
public sealed class IndexModel(ComplexPetitionService complex) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public IReadOnlyList<ConsultationRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await complex.InboxAsync(User.ToActor(), All, ct);
}
