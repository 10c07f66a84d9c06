using Microsoft.EntityFrameworkCore;
using Treatment.Core.Notices;
using Treatment.Core.Persistence;
using Treatment.Core.Workflows;

namespace Treatment.Core.Petitions.ManyPerson;

/// <summary>
/// A merged group is treated as one (Decree §6⑥): when a transition of the treated petition decides, closes or sends
/// notices, each merged petition takes its outcome and decision instant, and its petitioner gets the same notices,
/// rendered with their own name and receipt number, in the same transaction (so once).
/// </summary>
internal static class MergedGroups
{
    public static bool Concerns(FireResult result) => result.Notices.Count > 0 || result.Transition.Decision is not null || result.Terminal;

    public static async Task<List<(Petition Petition, PetitionEvent Event)>> FollowAsync(TreatmentDbContext db, NoticeIssuer notices, PetitionWork work, FireResult result, TriggerInputs inputs, Actor actor, CancellationToken ct)
    {
        var treated = work.Petition;
        var members = await db.Petitions.Where(p => p.MergedIntoPetitionId == treated.Id).OrderBy(p => p.Id).ToListAsync(ct);
        var recorded = new List<(Petition, PetitionEvent)>(members.Count);
        foreach (var member in members)
        {
            var followed = PetitionChange.FollowTreated(member, treated, result.Trigger, result.Notices, actor, work.Now);
            db.PetitionEvents.Add(followed);
            recorded.Add((member, followed));
            if (result.Notices.Count > 0 && work.Agency is { } agency)
            {
                var context = new NoticeContext(member, work.Definition, agency, work.Affair) { EarlierDecision = work.EarlierDecision, OfficialName = work.OfficialName };
                db.Notices.AddRange(notices.Issue(context, result, inputs, actor, work.Now));
            }
        }

        return recorded;
    }
}
