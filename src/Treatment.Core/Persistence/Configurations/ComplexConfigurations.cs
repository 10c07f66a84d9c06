using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treatment.Core.Agencies;
using Treatment.Core.Channels;
using Treatment.Core.Complex;
using Treatment.Core.Open311;
using Treatment.Core.Petitions;

namespace Treatment.Core.Persistence.Configurations;

internal sealed class ComplexPetitionConfiguration : IEntityTypeConfiguration<ComplexPetition>
{
    public void Configure(EntityTypeBuilder<ComplexPetition> b)
    {
        b.ToTable("complex_petitions");
        b.HasKey(c => c.PetitionId);
        b.Property(c => c.PetitionId).ValueGeneratedNever();
        b.Property(c => c.Version).IsRowVersion();
        b.Property(c => c.DesignatedByName).HasMaxLength(200);
        b.Property(c => c.CoordinationCommitteeReason).HasMaxLength(ComplexPetitionService.TextLength);
        b.HasOne<Petition>().WithOne().HasForeignKey<ComplexPetition>(c => c.PetitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(c => c.LeadDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.GuideUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> b)
    {
        b.ToTable("consultations");
        b.Property(c => c.Version).IsRowVersion();
        b.Property(c => c.Question).HasMaxLength(ComplexPetitionService.TextLength);
        b.Property(c => c.Answer).HasMaxLength(ComplexPetitionService.TextLength);
        b.Property(c => c.RequestedByName).HasMaxLength(200);
        b.Property(c => c.AnsweredByName).HasMaxLength(200);
        b.Property(c => c.Opinion).HasConversion<string>().HasMaxLength(30);
        b.Ignore(c => c.IsOpen);
        b.HasOne<ComplexPetition>().WithMany().HasForeignKey(c => c.PetitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(c => c.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.PetitionId);

        // The consulted department's inbox, and the sweep's probe for late unanswered consultations.
        b.HasIndex(c => new { c.AgencyId, c.DepartmentId, c.DueAt }).HasDatabaseName("ix_consultations_inbox").HasFilter("answered_at is null");
        b.HasIndex(c => c.DueAt).HasDatabaseName("ix_consultations_late").HasFilter("answered_at is null and escalated_at is null");
    }
}

internal sealed class WorkingCommitteeMeetingConfiguration : IEntityTypeConfiguration<WorkingCommitteeMeeting>
{
    public void Configure(EntityTypeBuilder<WorkingCommitteeMeeting> b)
    {
        b.ToTable("working_committee_meetings");
        b.Property(m => m.Decision).HasConversion<string>().HasMaxLength(30);
        b.Property(m => m.DecisionText).HasMaxLength(ComplexPetitionService.TextLength);
        b.Property(m => m.SiteCheckNotes).HasMaxLength(ComplexPetitionService.TextLength);
        b.Property(m => m.RecordedByName).HasMaxLength(200);
        b.HasOne<ComplexPetition>().WithMany().HasForeignKey(m => m.PetitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.PetitionId);
    }
}

internal sealed class Open311RequestConfiguration : IEntityTypeConfiguration<Open311Request>
{
    public void Configure(EntityTypeBuilder<Open311Request> b)
    {
        b.ToTable("open311_requests");
        b.HasKey(r => r.PetitionId);
        b.Property(r => r.PetitionId).ValueGeneratedNever();
        b.Property(r => r.ServiceCode).HasMaxLength(64);
        b.HasOne<Petition>().WithOne().HasForeignKey<Open311Request>(r => r.PetitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ChannelApiKey>().WithMany().HasForeignKey(r => r.ChannelApiKeyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.ChannelApiKeyId, r.RequestedAt });
    }
}
