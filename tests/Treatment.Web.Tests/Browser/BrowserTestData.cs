using Microsoft.EntityFrameworkCore;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Web.Tests.Browser;

/// <summary>Open petitions written straight to the database for views that only read (inbox, overdue lists, search).</summary>
public static class BrowserTestData
{
    private static int _sequence = 500_000;

    public static async Task<Petition> OpenPetitionAsync(
        TreatmentDbContext db, string assigneeUserName, string title, string petitionerName, DateTimeOffset dueAt)
    {
        var assignee = await db.Users.SingleAsync(u => u.UserName == assigneeUserName);
        var agency = await db.Agencies.SingleAsync(a => a.Id == assignee.AgencyId);
        var sequence = Interlocked.Increment(ref _sequence);
        var received = dueAt.AddDays(-7);
        var petition = new Petition
        {
            ReceiptNumber = $"2025-{agency.Code}-{sequence:D6}",
            ReceiptYear = 2025,
            ReceiptSequence = sequence,
            Kind = PetitionKind.Other,
            Channel = Channel.Mail,
            Title = title,
            Body = "확인 부탁드립니다.",
            PetitionerName = petitionerName,
            PetitionerPhone = "010-1234-5678",
            ArrivedAt = received,
            ReceivedAt = received,
            AgencyId = agency.Id,
            DepartmentId = assignee.DepartmentId,
            AssigneeId = assignee.Id,
            WorkflowId = "other",
            WorkflowVersion = 2,
            State = "received",
            ClockState = ClockState.Running,
            PeriodUnit = PeriodUnit.Days,
            PeriodValue = 5,
            DueAt = dueAt,
            DueUnit = DueUnit.Days,
            CreatedAt = received,
            UpdatedAt = received,
        };
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        return petition;
    }
}
