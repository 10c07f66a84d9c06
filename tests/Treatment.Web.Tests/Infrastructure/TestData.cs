using Microsoft.EntityFrameworkCore;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Web.Tests.Infrastructure;

/// <summary>Builders that put rows straight into the database for tests that are not about intake.</summary>
public static class TestData
{
    private static int _sequence = 100_000;

    public static async Task<Petition> CreatePetitionAsync(TreatmentDbContext db, string agencyCode = "SEOUL-JONGNO", string title = "테스트 민원", string petitionerName = "홍길동")
    {
        var agency = await db.Agencies.Include(a => a.Departments).SingleAsync(a => a.Code == agencyCode);
        var sequence = Interlocked.Increment(ref _sequence);
        var now = DateTimeOffset.UtcNow;
        var petition = new Petition
        {
            ReceiptNumber = $"T-{agency.Code}-{sequence}",
            ReceiptYear = 2025,
            ReceiptSequence = sequence,
            Kind = PetitionKind.Other,
            Channel = Channel.Visit,
            Title = title,
            Body = "본문",
            PetitionerName = petitionerName,
            ArrivedAt = now,
            ReceivedAt = now,
            AgencyId = agency.Id,
            DepartmentId = agency.Departments.First(d => d.IsPetitionsOffice).Id,
            WorkflowId = "other",
            WorkflowVersion = 1,
            State = "received",
            ClockState = ClockState.Running,
            PeriodUnit = PeriodUnit.Immediate,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        return petition;
    }
}
