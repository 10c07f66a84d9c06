using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Core.Petitions;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Inbox;

public sealed class IndexModel(InboxService inbox) : PageModel
{
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

    /// <summary>The state filter's choices: every state of the workflow definitions, titled from the files.</summary>
    public IReadOnlyList<StateOption> StateOptions { get; private set; } = [];

    /// <summary>How many conditions besides the search narrow the list (scope, kind, channel, state, due, overdue).</summary>
    public int ConditionsInUse =>
        new[] { Scope != InboxScope.Mine, Kind is not null, Channel is not null, State is not null, DueBefore is not null, Overdue }.Count(used => used);

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
    }

    public string NextPageUrl(InboxCursor next) =>
        Url.Page("/Inbox/Index", new { Scope, Kind, State, Channel, Overdue, DueBefore = DueBefore?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Q, After = next.ToString() })!;
}
