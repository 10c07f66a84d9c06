using Microsoft.EntityFrameworkCore;
using Treatment.Core.Notices;
using Treatment.Core.Petitions;

namespace Treatment.Core.Committee;

/// <summary>The petitioner's hearing (Decree §38) and the minutes of a meeting.</summary>
public sealed partial class CommitteeService
{
    /// <summary>
    /// Asks the petitioner of an item's petition to attend the meeting or submit written views by a day (Decree §38):
    /// a notice rendered and queued through the outbox by the petitioner's channel, once per item, audited on the petition.
    /// </summary>
    public async Task<PetitionResult<Notice>> NotifyPetitionerAsync(Actor actor, long itemId, HearingMode mode, DateOnly viewsDue, CancellationToken ct)
    {
        var agencyId = Keeper(actor);
        var item = await db.CommitteeAgendaItems.FirstOrDefaultAsync(i => i.Id == itemId && i.AgencyId == agencyId, ct);
        if (item is null)
        {
            return PetitionError.NotFound();
        }

        var meeting = item.MeetingId is { } meetingId ? await db.CommitteeMeetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct) : null;
        if (item.PetitionId is null || meeting is null)
        {
            return PetitionError.Invalid("itemId", "민원에 관한 안건을 회의에 올린 뒤 통지합니다. (a petition's item, put on a meeting)");
        }

        if (item.HearingNoticeId is not null)
        {
            return PetitionError.Invalid("itemId", "이미 통지했습니다. (the petitioner was already notified)");
        }

        var petition = await db.Petitions.FirstAsync(p => p.Id == item.PetitionId, ct);
        var agency = await agencies.ByIdAsync(db, petition.AgencyId, ct);
        var now = time.GetUtcNow().ToUniversalTime();
        var subject = CommitteeTitles.Subject(item.Subject).Ko;
        var notice = notices.IssueStandalone(petition, agency!, standaloneNotices.CommitteeHearing, m => m
            .Set("committee", "subject", subject)
            .Set("committee", "meeting_at", NoticeModels.KstText(meeting.ScheduledAt))
            .Set("committee", "place", meeting.Place)
            .Set("committee", "attend", mode == HearingMode.Attend)
            .Set("committee", "views_due", viewsDue.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), actor, now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Notices.Add(notice);
        await db.SaveChangesAsync(ct);
        (item.HearingNoticeId, item.HearingMode) = (notice.Id, mode);
        petition.UpdatedAt = now;
        var recorded = PetitionChange.Event(petition, Definition(petition), PetitionEventTypes.CommitteeHearingNotified, actor.UserId, actor.Name, now,
            new CommitteeEventData(item.Id, item.Subject, null, mode), petition.State, petition.State);
        db.PetitionEvents.Add(recorded);
        await writer.SaveAsync([(petition, recorded)], ct);
        await transaction.CommitAsync(ct);
        return notice;
    }

    /// <summary>Issues the meeting's minutes once, from the template, with the members present and every item's decision.</summary>
    public async Task<PetitionResult<CommitteeMeeting>> IssueMinutesAsync(Actor actor, long meetingId, IReadOnlyCollection<long> presentMemberIds, CancellationToken ct)
    {
        var agencyId = Keeper(actor);
        var meeting = await db.CommitteeMeetings.FirstOrDefaultAsync(m => m.Id == meetingId && m.AgencyId == agencyId, ct);
        if (meeting is null)
        {
            return PetitionError.NotFound();
        }

        if (meeting.MinutesIssuedAt is not null)
        {
            return PetitionError.Invalid("meetingId", "회의록은 이미 작성되었습니다. (the minutes are already issued)");
        }

        var view = (await MeetingAsync(actor, meetingId, ct))!;
        if (view.Items.Count == 0)
        {
            return PetitionError.Invalid("meetingId", "안건이 없는 회의입니다. (the meeting has no agenda item)");
        }

        var present = view.Members.Where(m => presentMemberIds.Contains(m.Id)).Select(m => m.Id).ToList();
        var agency = await agencies.ByIdAsync(db, agencyId, ct);
        meeting.AttendeeIds = present;
        meeting.MinutesHtml = minutes.Render(agency!.NameKo, agency.NameEn, meeting.ScheduledAt, meeting.Place,
            view.Members.Select(m => new MinutesMember(m.Name, m.Position, m.IsChair, m.IsExternal, present.Contains(m.Id))).ToList(),
            view.Items.Select((v, i) => new MinutesItem(i + 1, v.Item.Subject, v.Item.Title, v.ReceiptNumber, v.Decision?.Resolution, v.Decision?.Reason,
                v.Item.HearingMode is { } mode ? CommitteeTitles.Hearing(mode).Ko : null)).ToList());
        meeting.MinutesIssuedAt = time.GetUtcNow().ToUniversalTime();
        await db.SaveChangesAsync(ct);
        return meeting;
    }
}
