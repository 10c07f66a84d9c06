using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Assignment;
using Treatment.Core.BackOffice;
using Treatment.Core.Petitions;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Inbox;

public sealed class IndexModel(InboxService inbox, InboxTabs tabs, AssignmentService assignments, TimeProvider time) : PageModel
{
    // When the official last opened 내 민원 (UTC ticks): the today strip's "new since the last visit".
    private const string LastVisitCookie = "inbox-visited";

    [BindProperty(SupportsGet = true)]
    public InboxScope Scope { get; set; } = InboxScope.Mine;

    [BindProperty(SupportsGet = true)]
    public PetitionKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public Channel? Channel { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? DueBefore { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public InboxPage Result { get; private set; } = new([], null, 0);

    /// <summary>The tab counts and the today strip.</summary>
    public InboxCounts Counts { get; private set; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The officials a team lead, supervisor or admin may distribute the queue to (empty for others).</summary>
    public IReadOnlyList<Choice> Distributees { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>Today in Korea, for the today strip's links.</summary>
    public DateOnly Today => DueBadges.KstDate(time.GetUtcNow());

    public string? Error { get; private set; }

    /// <summary>The state filter's choices: every state of the workflow definitions, titled from the files.</summary>
    public IReadOnlyList<StateOption> StateOptions { get; private set; } = [];

    /// <summary>How many conditions besides the search narrow the list (scope, kind, channel, state, due, overdue).</summary>
    public int ConditionsInUse =>
        new[] { Scope == InboxScope.Visible, Kind is not null, Channel is not null, State is not null, DueBefore is not null, Overdue }.Count(used => used);

    /// <summary>A state asked for in the address that no definition names; kept selected so the query means what it did.</summary>
    public string? UnknownState { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        State = string.IsNullOrWhiteSpace(State) ? null : State.Trim();
        StateOptions = inbox.StateOptions();
        UnknownState = State is not null && StateOptions.All(o => o.Name != State) ? State : null;
        Result = await inbox.GetAsync(User.ToActor(), new InboxQuery
        {
            Scope = Scope,
            Kind = Kind,
            State = State,
            Channel = Channel,
            OverdueOnly = Overdue,
            DueBefore = DueBefore,
            Search = Q,
            After = InboxCursor.Parse(After),
        }, ct);
        var actor = User.ToActor();
        DateTimeOffset? lastVisit = long.TryParse(Request.Cookies[LastVisitCookie], out var ticks) && ticks > 0 && ticks < DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;
        Counts = await tabs.CountAsync(actor, lastVisit, ct);
        if (Scope == InboxScope.Mine && After is null)
        {
            Response.Cookies.Append(LastVisitCookie, time.GetUtcNow().UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, MaxAge = TimeSpan.FromDays(90), IsEssential = true });
        }

        if (Scope == InboxScope.Queue)
        {
            Distributees = await assignments.OfficialsForAsync(actor, ct);
        }

        Message = TempData["message"] as string;
        Error = TempData["error"] as string;
    }

    /// <summary>내가 처리: takes a queued petition and opens it; "already taken" when someone was quicker.</summary>
    public async Task<IActionResult> OnPostClaimAsync(long id, CancellationToken ct)
    {
        var result = await assignments.ClaimAsync(id, User.ToActor(), ct);
        if (result.Error is { Kind: PetitionErrorKind.NotFound })
        {
            return NotFound();
        }

        if (result.Error is { } error)
        {
            TempData["error"] = L.T(error.Message);
            return Redirect(Url.Page("/Inbox/Index", new { Scope = InboxScope.Queue })!);
        }

        TempData["message"] = L.T("이 민원을 맡았습니다.", "You took this petition.");
        return Redirect($"/Petitions/{id}");
    }

    /// <summary>A team lead, supervisor or admin gives the checked queued petitions to one official at once.</summary>
    public async Task<IActionResult> OnPostDistributeAsync(long[] ids, Guid assigneeId, CancellationToken ct)
    {
        var result = await assignments.DistributeAsync(ids, assigneeId, null, User.ToActor(), ct);
        if (result.Error is { Kind: PetitionErrorKind.NotFound })
        {
            return NotFound();
        }

        TempData[result.IsSuccess ? "message" : "error"] = result.IsSuccess
            ? L.T($"{result.Value}건을 배부했습니다.", $"Assigned {result.Value} petition(s).")
            : L.T(result.Error!.Message) + (result.Error.Fields is { Count: > 0 } f ? " — " + string.Join("; ", f.SelectMany(x => x.Value)) : "");
        return Redirect(Url.Page("/Inbox/Index", new { Scope = InboxScope.Queue })!);
    }

    public string TabUrl(InboxScope scope) => Url.Page("/Inbox/Index", new { Scope = scope })!;

    public string NextPageUrl(InboxCursor next) =>
        Url.Page("/Inbox/Index", new { Scope, Kind, State, Channel, Overdue, DueBefore = DueBefore?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Q, After = next.ToString() })!;
}
