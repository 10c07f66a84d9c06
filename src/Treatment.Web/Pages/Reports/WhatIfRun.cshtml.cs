using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Hosting;
using Treatment.Core.Reports.WhatIf;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Reports;

/// <summary>One what-if run: progress while it runs, then the figures, milestones and example receipt numbers; downloads.</summary>
public sealed class WhatIfRunModel(WhatIfService service, TreatmentFolders folders) : PageModel
{
    public WhatIfRunView Run { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await service.FindAsync(User.ToActor(), id, ct) is not { } run)
        {
            return NotFound();
        }

        Run = run;
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(long id, string format, CancellationToken ct)
    {
        if (await service.FindAsync(User.ToActor(), id, ct) is not { Result: { } result })
        {
            return NotFound();
        }

        var name = $"whatif-{result.Year}-run{id}";
        return format switch
        {
            "html" => File(Encoding.UTF8.GetBytes(WhatIfRenderer.ToHtml(result, folders.Templates)), "text/html; charset=utf-8", name + ".html"),
            "json" => File(Encoding.UTF8.GetBytes(WhatIfRenderer.ToJson(result)), "application/json", name + ".json"),
            "csv" => File(new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(WhatIfRenderer.ToCsv(result))).ToArray(), "text/csv", name + ".csv"),
            _ => BadRequest(),
        };
    }
}
