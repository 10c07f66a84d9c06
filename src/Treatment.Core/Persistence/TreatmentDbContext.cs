using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Channels;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Notices;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;
using Treatment.Core.Security;
using Treatment.Core.Workflows;

namespace Treatment.Core.Persistence;

public sealed class TreatmentDbContext(DbContextOptions<TreatmentDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<CivilAffair> Affairs => Set<CivilAffair>();

    public DbSet<Petition> Petitions => Set<Petition>();

    public DbSet<PetitionEvent> PetitionEvents => Set<PetitionEvent>();

    public DbSet<Notice> Notices => Set<Notice>();

    public DbSet<Documents.IssuedDocument> IssuedDocuments => Set<Documents.IssuedDocument>();

    public DbSet<Documents.AgencySigningKey> AgencySigningKeys => Set<Documents.AgencySigningKey>();

    public DbSet<ReceiptCounter> ReceiptCounters => Set<ReceiptCounter>();

    public DbSet<PublishedWorkflowVersion> PublishedWorkflowVersions => Set<PublishedWorkflowVersion>();

    public DbSet<ChannelApiKey> ChannelApiKeys => Set<ChannelApiKey>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<MilestoneFiring> MilestoneFirings => Set<MilestoneFiring>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<UserNotification> UserNotifications => Set<UserNotification>();

    public DbSet<ObligationBreach> ObligationBreaches => Set<ObligationBreach>();

    public DbSet<MonthlyCheck> MonthlyChecks => Set<MonthlyCheck>();

    public DbSet<Reports.WhatIf.WhatIfRun> WhatIfRuns => Set<Reports.WhatIf.WhatIfRun>();

    public DbSet<ReportRun> ReportRuns => Set<ReportRun>();

    public DbSet<PetitionRollup> PetitionRollups => Set<PetitionRollup>();

    public DbSet<PetitionRollupDelta> PetitionRollupDeltas => Set<PetitionRollupDelta>();

    public DbSet<PetitionRollupYear> PetitionRollupYears => Set<PetitionRollupYear>();

    public DbSet<CalendarChange> CalendarChanges => Set<CalendarChange>();

    public DbSet<CalendarFileVersion> CalendarFileVersions => Set<CalendarFileVersion>();

    public DbSet<Petitions.SameMatter.SameMatterLink> SameMatterLinks => Set<Petitions.SameMatter.SameMatterLink>();

    public DbSet<Petitions.ManyPerson.PetitionRepresentative> PetitionRepresentatives => Set<Petitions.ManyPerson.PetitionRepresentative>();

    public DbSet<Committee.CommitteeMember> CommitteeMembers => Set<Committee.CommitteeMember>();

    public DbSet<Committee.CommitteeMeeting> CommitteeMeetings => Set<Committee.CommitteeMeeting>();

    public DbSet<Committee.CommitteeAgendaItem> CommitteeAgendaItems => Set<Committee.CommitteeAgendaItem>();

    public DbSet<Committee.CommitteeDecision> CommitteeDecisions => Set<Committee.CommitteeDecision>();

    public DbSet<Complex.ComplexPetition> ComplexPetitions => Set<Complex.ComplexPetition>();

    public DbSet<Complex.Consultation> Consultations => Set<Complex.Consultation>();

    public DbSet<Complex.WorkingCommitteeMeeting> WorkingCommitteeMeetings => Set<Complex.WorkingCommitteeMeeting>();

    public DbSet<Open311.Open311Request> Open311Requests => Set<Open311.Open311Request>();

    public DbSet<AttemptThrottleRow> AttemptThrottles => Set<AttemptThrottleRow>();

    /// <summary>ASP.NET Core's data-protection key ring, shared by every web node (cookies and bearer tokens).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SweepQuarantine> SweepQuarantines => Set<SweepQuarantine>();

    public DbSet<Packages.PackageDefinition> PackageDefinitions => Set<Packages.PackageDefinition>();

    public DbSet<Packages.PetitionPackage> PetitionPackages => Set<Packages.PetitionPackage>();

    public DbSet<Packages.PetitionPackageMember> PetitionPackageMembers => Set<Packages.PetitionPackageMember>();

    public DbSet<AddressChanges.AddressChangeRecipient> AddressChangeRecipients => Set<AddressChanges.AddressChangeRecipient>();

    public DbSet<AddressChanges.AddressChange> AddressChanges => Set<AddressChanges.AddressChange>();

    public DbSet<AddressChanges.AddressChangeDelivery> AddressChangeDeliveries => Set<AddressChanges.AddressChangeDelivery>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(TreatmentDbContext).Assembly);
        // Issue numbers of documents: one sequence, never max()+1, so concurrent issuances never share one.
        builder.HasSequence<long>("issued_document_numbers");
        // Package and address-change receipt numbers (decision 021): sequences too, never max()+1.
        builder.HasSequence<long>("package_receipt_numbers");
        builder.HasSequence<long>("address_change_receipt_numbers");
        builder.HasSequence<long>(OutboxIdBlock.SequenceName).IncrementsBy(OutboxIdBlock.Size);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // States, kinds and channels are stored as readable text, not numbers (architecture: "states as text").
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}
