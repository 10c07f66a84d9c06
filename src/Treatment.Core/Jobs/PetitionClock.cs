using Treatment.Core.Clock;
using Treatment.Core.Petitions;

namespace Treatment.Core.Jobs;

/// <summary>The clock inputs stored on a petition, as the deadline calculator takes them.</summary>
public static class PetitionClock
{
    /// <summary>The petition's deadline request, or null while an excluded span is still open (no due until it ends).</summary>
    public static DeadlineRequest? Request(Petition petition)
    {
        if (petition.Exclusions.Any(s => s.To is null))
        {
            return null;
        }

        var exclusions = petition.Exclusions.Select(s => new ExcludedSpan(s.Type, s.From, s.To!.Value)).ToList();
        var extensions = petition.Extensions.Select(e => new ClockExtension(e.Length, e.Consent)).ToList();
        var counting = petition.DueUnit == DueUnit.Calendar ? CountingMode.Civil : CountingMode.Statutory;
        return new DeadlineRequest(petition.ReceivedAt, petition.Period, exclusions, counting, extensions);
    }

    public static OpenPetitionClock? Open(Petition petition) =>
        Request(petition) is { } request && petition.DueAt is { } due
            ? new OpenPetitionClock(petition.Id, request.Received, request.Period, request.Exclusions, request.Extensions, request.Counting, due)
            : null;
}
