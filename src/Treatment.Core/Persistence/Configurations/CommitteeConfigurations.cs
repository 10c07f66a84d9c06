using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treatment.Core.Agencies;
using Treatment.Core.Committee;
using Treatment.Core.Notices;
using Treatment.Core.Petitions;
using Treatment.Core.Petitions.ManyPerson;

namespace Treatment.Core.Persistence.Configurations;

internal sealed class PetitionRepresentativeConfiguration : IEntityTypeConfiguration<PetitionRepresentative>
{
    public void Configure(EntityTypeBuilder<PetitionRepresentative> b)
    {
        b.ToTable("petition_representatives");
        b.Property(r => r.Name).HasMaxLength(IntakeLimits.Columns.Name);
        b.Property(r => r.Phone).HasMaxLength(IntakeLimits.Columns.Phone);
        b.Property(r => r.Address).HasMaxLength(IntakeLimits.Columns.Address);
        b.HasOne<Petition>().WithMany().HasForeignKey(r => r.PetitionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.PetitionId, r.Ordinal }).IsUnique();
    }
}

internal sealed class CommitteeMemberConfiguration : IEntityTypeConfiguration<CommitteeMember>
{
    public void Configure(EntityTypeBuilder<CommitteeMember> b)
    {
        b.ToTable("committee_members");
        b.Property(m => m.Name).HasMaxLength(100);
        b.Property(m => m.Position).HasMaxLength(100);
        b.HasOne<Agency>().WithMany().HasForeignKey(m => m.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.AgencyId);
    }
}

internal sealed class CommitteeMeetingConfiguration : IEntityTypeConfiguration<CommitteeMeeting>
{
    public void Configure(EntityTypeBuilder<CommitteeMeeting> b)
    {
        b.ToTable("committee_meetings");
        b.Property(m => m.Place).HasMaxLength(200);
        b.HasOne<Agency>().WithMany().HasForeignKey(m => m.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.AgencyId, m.ScheduledAt });
    }
}

internal sealed class CommitteeAgendaItemConfiguration : IEntityTypeConfiguration<CommitteeAgendaItem>
{
    public void Configure(EntityTypeBuilder<CommitteeAgendaItem> b)
    {
        b.ToTable("committee_agenda_items");
        b.Property(i => i.Title).HasMaxLength(IntakeLimits.Columns.Title);
        b.Property(i => i.Note).HasMaxLength(2000);
        b.Property(i => i.CreatedByName).HasMaxLength(100);
        b.HasOne<Agency>().WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Petition>().WithMany().HasForeignKey(i => i.PetitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CommitteeMeeting>().WithMany().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Notice>().WithMany().HasForeignKey(i => i.HearingNoticeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.AgencyId, i.CreatedAt });
        b.HasIndex(i => i.PetitionId);
        b.HasIndex(i => i.MeetingId);
    }
}

internal sealed class CommitteeDecisionConfiguration : IEntityTypeConfiguration<CommitteeDecision>
{
    public void Configure(EntityTypeBuilder<CommitteeDecision> b)
    {
        b.ToTable("committee_decisions");
        b.Property(d => d.Reason).HasMaxLength(2000);
        b.Property(d => d.RecordedByName).HasMaxLength(100);
        b.HasOne<CommitteeAgendaItem>().WithMany().HasForeignKey(d => d.AgendaItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CommitteeMeeting>().WithMany().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.Restrict);
        // One decision per agenda item: recording it twice (two clicks, two nodes) stores it once.
        b.HasIndex(d => d.AgendaItemId).IsUnique();
    }
}
