using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Affairs;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Web.Pages.Minwon;

/// <summary>The civil affairs information gateway for citizens: agency, period, documents, fee and statute of each affair.</summary>
public sealed class IndexModel(TreatmentDbContext db) : PageModel
{
    public string? Q { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<CivilAffair> Affairs { get; private set; } = [];

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Q = q;
        if (q is { Length: > AffairsGateway.MaxQuery } || (q is not null && TextRules.HasForbiddenCharacters(q, multiline: false)))
        {
            Error = "100자 이하의 문자로 검색하십시오. (search with at most 100 printable characters)";
            return;
        }

        Affairs = string.IsNullOrWhiteSpace(q) ? [] : await AffairsGateway.SearchAsync(db, q, ct);
    }
}
