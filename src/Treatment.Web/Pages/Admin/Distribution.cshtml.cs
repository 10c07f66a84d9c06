using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Assignment;
using Treatment.Core.BackOffice;
using Treatment.Core.Petitions;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Admin;

/// <summary>Each department's distribution policy and the kind or affair each official takes (decision 011).</summary>
public sealed class DistributionModel(DistributionSettingsService settings, AssignmentService assignments) : PageModel
{
    public IReadOnlyList<DepartmentDistribution> Departments { get; private set; } = [];

    public IReadOnlyDictionary<int, List<Choice>> Officials { get; private set; } = new Dictionary<int, List<Choice>>();

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["message"] as string;
        Departments = await settings.ListAsync(User.ToActor(), ct);
        var officials = new Dictionary<int, List<Choice>>();
        foreach (var department in Departments)
        {
            officials[department.Id] = await assignments.OfficialsOfAsync(department.Id, ct);
        }

        Officials = officials;
    }

    public async Task<IActionResult> OnPostPolicyAsync(int departmentId, DistributionPolicy policy, bool byMatch, CancellationToken ct)
    {
        await settings.SetPolicyAsync(User.ToActor(), departmentId, policy, byMatch, ct);
        TempData["message"] = L.T("배부 방식을 바꿨습니다. 새로 배정되는 민원부터 적용됩니다.", "Distribution policy saved; it applies to petitions routed from now on.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMatchAsync(int departmentId, Guid userId, PetitionKind? kind, string? affairCode, CancellationToken ct)
    {
        try
        {
            await settings.AddMatchAsync(User.ToActor(), departmentId, userId, kind, affairCode, ct);
            TempData["message"] = L.T("담당 분야를 추가했습니다.", "Match added.");
        }
        catch (BackOfficeInputException refused)
        {
            TempData["message"] = string.Join(" ", refused.Errors.Select(e => L.T(e.Message)));
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveMatchAsync(long matchId, CancellationToken ct)
    {
        await settings.RemoveMatchAsync(User.ToActor(), matchId, ct);
        TempData["message"] = L.T("담당 분야를 지웠습니다.", "Match removed.");
        return RedirectToPage();
    }

    public static string PolicyTitle(DistributionPolicy policy) => policy switch
    {
        DistributionPolicy.RoundRobin => L.T("순번 배부", "Round-robin"),
        DistributionPolicy.LeastOpenWork => L.T("업무량 적은 순", "Least open work"),
        _ => L.T("수동 (팀장 배부·담당자 선택)", "Manual (team lead distributes, officials claim)"),
    };
}
