using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Generation;
using Treatment.Core.Hosting;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;
using Treatment.Core.Workflows;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Reports;

/// <summary>
/// A throwaway database with a small known data set: two generated years (2024, 2025) over GEN-001 (a metropolitan
/// government) and its districts GEN-002…004, plus hand-made petitions written the way the petition service writes
/// them (EF with <see cref="RollupWriter.AddDeltas"/>, as the petition service saves them), monthly checks and obligation breaches.
/// </summary>
public sealed class ReportDatabase : IAsyncLifetime
{
    public const string HandAgency = "HAND-TEST";
    public const string RerunAgency = "HAND-RERUN";
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public WorkflowCatalog Catalog { get; private set; } = null!;

    public DeadlineCalculator Clock { get; private set; } = null!;

    public string WorkflowsFolder { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync("reports");
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        WorkflowsFolder = RepositoryFolders.FindUpward("workflows", AppContext.BaseDirectory)!;
        Catalog = WorkflowCatalog.LoadOrThrow(WorkflowsFolder, Path.Combine(Path.GetDirectoryName(WorkflowsFolder)!, "templates"));
        Clock = new DeadlineCalculator(HolidayCalendarLoader.LoadFolder(Path.Combine(WorkflowsFolder, "calendar")));
        await using (var db = CreateDbContext())
        {
            await DatabaseInitializer.InitializeAsync(db, WorkflowsFolder, migrate: true, seedDemo: false, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
            db.Agencies.Add(new Agency { Code = "MOIS", NameKo = "행정안전부", NameEn = "Ministry of the Interior and Safety", Level = AgencyLevel.Central });
            db.Agencies.Add(new Agency { Code = HandAgency, NameKo = "수작업 기관", NameEn = "Hand-made agency", Level = AgencyLevel.Local });
            db.Agencies.Add(new Agency { Code = RerunAgency, NameKo = "재실행 기관", NameEn = "Re-run agency", Level = AgencyLevel.Local });
            await db.SaveChangesAsync();
        }

        var seeder = new PetitionSeeder(DataSource, new PetitionGenerator(Catalog, Clock));
        await seeder.SeedAsync(new GenerationOptions(2024, 1_200, 3, GenerationOptions.DefaultHorizon(2024)) { ChunkSize = 400 }, 4, null, CancellationToken.None);
        await seeder.SeedAsync(new GenerationOptions(2025, 2_500, 4, GenerationOptions.DefaultHorizon(2025)) { ChunkSize = 500 }, 4, null, CancellationToken.None);

        // Received Friday 2025-03-07 16:00 KST; "immediate" = 3 working hours → due Monday 2025-03-10 10:00 (Decree §19).
        var received = new DateTimeOffset(2025, 3, 7, 16, 0, 0, Kst);
        await AddAnsweredPetitionAsync(HandAgency, received, answeredAfterDue: TimeSpan.Zero);
        await AddAnsweredPetitionAsync(HandAgency, received, answeredAfterDue: TimeSpan.FromHours(1));
        await AddAnsweredPetitionAsync(RerunAgency, received, answeredAfterDue: TimeSpan.Zero);
        await AddOperationsAsync();
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }

    public TreatmentDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<TreatmentDbContext>();
        TreatmentDatabase.Configure(options, ConnectionString);
        return new TreatmentDbContext(options.Options);
    }

    /// <summary>An "other" petition received and answered, written like the petition service: one transaction, events, rollup.</summary>
    public async Task AddAnsweredPetitionAsync(string agencyCode, DateTimeOffset received, TimeSpan answeredAfterDue)
    {
        await using var db = CreateDbContext();
        var agency = await db.Agencies.SingleAsync(a => a.Code == agencyCode);
        // PostgreSQL timestamptz takes UTC instants only.
        received = received.ToUniversalTime();
        var due = Clock.Compute(received, TreatmentPeriod.Immediate).GetValueOrThrow().Due.ToUniversalTime();
        var answered = due + answeredAfterDue;
        var sequence = await db.Petitions.CountAsync(p => p.AgencyId == agency.Id) + 1;
        var definition = Catalog.Latest("other");
        var writer = new RollupWriter(Clock.Calendar, Catalog);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var petition = new Petition
        {
            ReceiptNumber = $"2025-{agencyCode}-{sequence:D6}",
            ReceiptYear = 2025,
            ReceiptSequence = sequence,
            Kind = PetitionKind.Other,
            Channel = Channel.Visit,
            Title = "운영 시간 문의",
            Body = "본문",
            PetitionerName = "홍길동",
            ArrivedAt = received,
            ReceivedAt = received,
            AgencyId = agency.Id,
            WorkflowId = definition.Id,
            WorkflowVersion = definition.Version,
            State = "received",
            ClockState = ClockState.Running,
            PeriodUnit = PeriodUnit.Immediate,
            DueAt = due,
            DueUnit = DueUnit.Hours,
            CreatedAt = received,
            UpdatedAt = received,
        };
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        var created = new PetitionEvent { PetitionId = petition.Id, At = received, Type = "created", ActorName = "담당자", ToState = "received", WorkflowVersion = definition.Version };
        db.PetitionEvents.Add(created);
        writer.AddDeltas(db, petition, created, closesPetition: false);
        await db.SaveChangesAsync();

        var result = new PetitionMachine(definition).Fire(
            new PetitionFacts { WorkflowId = definition.Id, WorkflowVersion = definition.Version, State = petition.State, OriginalPeriod = TreatmentPeriod.Immediate, Now = answered },
            "answer", new TriggerInputs { DecisionText = "안내 완료" }, [WorkflowRole.Official]).Result!;
        petition.State = result.NewState;
        petition.IsOpen = !result.Terminal;
        petition.ClockState = ClockState.Stopped;
        petition.Outcome = "answered";
        petition.DecidedAt = answered;
        petition.ClosedAt = answered;
        var answer = new PetitionEvent
        {
            PetitionId = petition.Id,
            At = answered,
            Type = "transition",
            ActorName = "담당자",
            Trigger = "answer",
            FromState = "received",
            ToState = result.NewState,
            Data = $$"""{"workflow":"other","definitionVersion":{{definition.Version}},"clock":"Stop","dueBefore":"{{due:O}}","dueAfter":"{{due:O}}"}""",
            WorkflowVersion = definition.Version,
        };
        db.PetitionEvents.Add(answer);
        writer.AddDeltas(db, petition, answer, result.Terminal);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private async Task AddOperationsAsync()
    {
        await using var db = CreateDbContext();
        var agencies = await db.Agencies.Where(a => a.Code.StartsWith(PetitionSeeder.AgencyPrefix)).OrderBy(a => a.Code).ToListAsync();
        var petitionIds = await db.Petitions.OrderBy(p => p.Id).Select(p => p.Id).Take(4).ToListAsync();
        var next = 0;
        foreach (var (agency, year, month) in new[] { (agencies[1], 2025, 1), (agencies[1], 2025, 2), (agencies[2], 2025, 1), (agencies[1], 2024, 12) })
        {
            db.MonthlyChecks.Add(new MonthlyCheck { AgencyId = agency.Id, Year = year, Month = month, GeneratedAt = new DateTimeOffset(year, month, 3, 0, 0, 0, TimeSpan.Zero), Content = "{}" });
        }

        foreach (var (agency, at, obligation) in new[]
        {
            (agencies[1], new DateTimeOffset(2025, 4, 1, 1, 0, 0, TimeSpan.Zero), "route-to-department"),
            (agencies[2], new DateTimeOffset(2025, 6, 1, 1, 0, 0, TimeSpan.Zero), "transfer-window"),
            (agencies[1], new DateTimeOffset(2024, 12, 31, 16, 0, 0, TimeSpan.Zero), "route-to-department"), // 2025-01-01 01:00 KST
            (agencies[3], new DateTimeOffset(2024, 5, 1, 1, 0, 0, TimeSpan.Zero), "route-to-department"),
        })
        {
            db.ObligationBreaches.Add(new ObligationBreach { PetitionId = petitionIds[next++], AgencyId = agency.Id, Obligation = obligation, DueAt = at.AddHours(-1), DetectedAt = at });
        }

        await db.SaveChangesAsync();
    }
}
