using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Complex;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Supervisor;

/// <summary>Late consultations of complex petitions (asked of the agency, or on its petitions) and the re-deliberation requests.</summary>
public sealed class ConsultationsModel(ComplexPetitionService complex) : PageModel
{
    public IReadOnlyList<ConsultationRow> Late { get; private set; } = [];

    public IReadOnlyList<(long PetitionId, DateTimeOffset RequestedAt, string Reason)> CommitteeRequests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Late = await complex.LateAsync(actor, ct);
        CommitteeRequests = await complex.CoordinationCommitteeRequestsAsync(actor, ct);
    }
}
