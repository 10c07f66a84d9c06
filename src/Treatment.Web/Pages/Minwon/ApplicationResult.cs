using Microsoft.EntityFrameworkCore;
using Treatment.Core.Documents;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Web.Pages.Minwon;

/// <summary>What the window shows a citizen of their own petition: receipt, state, due, notices and the issued document.</summary>
public sealed record ApplicationResult(
    string ReceiptNumber,
    string LookupCode,
    LocalizedText State,
    bool Open,
    DateTimeOffset? Due,
    IReadOnlyList<(string Template, DateTimeOffset IssuedAt, string Text)> Notices,
    IssuedDocument? Document)
{
    public static async Task<ApplicationResult> BuildAsync(TreatmentDbContext db, Petition petition, string lookupCode, IssuedDocument? issued, IServiceProvider services, CancellationToken ct)
    {
        var catalog = services.GetRequiredService<WorkflowCatalog>();
        var state = catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion)?.FindState(petition.State)?.Title ?? new LocalizedText(petition.State, petition.State);
        var notices = (await db.Notices.AsNoTracking().Where(n => n.PetitionId == petition.Id).OrderBy(n => n.Id)
            .Select(n => new { n.Template, n.IssuedAt, n.Text }).ToListAsync(ct))
            .Select(n => (n.Template, n.IssuedAt, n.Text)).ToList();
        var document = issued ?? await services.GetRequiredService<DocumentVerification>().OfPetitionAsync(petition.Id, ct);
        return new ApplicationResult(petition.ReceiptNumber, lookupCode, state, petition.IsOpen, petition.DueAt, notices, document);
    }
}
