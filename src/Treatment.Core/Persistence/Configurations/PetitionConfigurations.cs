using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treatment.Core.Notices;
using Treatment.Core.Petitions;

namespace Treatment.Core.Persistence.Configurations;

internal sealed class PetitionConfiguration : IEntityTypeConfiguration<Petition>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Petition> b)
    {
        b.Property(p => p.Version).IsRowVersion();
        b.Property(p => p.ReceiptNumber).HasMaxLength(80);
        b.Property(p => p.SubKind).HasMaxLength(20);
        b.Property(p => p.Title).HasMaxLength(IntakeLimits.Columns.Title);
        b.Property(p => p.Body).HasMaxLength(IntakeLimits.Columns.Body);
        b.Property(p => p.PetitionerName).HasMaxLength(IntakeLimits.Columns.Name);
        b.Property(p => p.PetitionerRrnKeyId).HasMaxLength(16);
        b.Property(p => p.PetitionerPhone).HasMaxLength(IntakeLimits.Columns.Phone);
        b.Property(p => p.PetitionerEmail).HasMaxLength(IntakeLimits.Columns.Email);
        b.Property(p => p.PetitionerAddress).HasMaxLength(IntakeLimits.Columns.Address);
        b.Property(p => p.PetitionerRrnMasked).HasMaxLength(IntakeLimits.Columns.ResidentNumberMasked);
        b.Property(p => p.NoticeChannel).HasMaxLength(20);
        b.Property(p => p.WorkflowId).HasMaxLength(60);
        b.Property(p => p.State).HasMaxLength(60);
        b.Property(p => p.NextMilestone).HasMaxLength(60);
        b.Property(p => p.Outcome).HasMaxLength(40);
        b.Property(p => p.ClockLimit).HasMaxLength(60);
        b.Ignore(p => p.Period);

        b.Property(p => p.Exclusions).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<ClockSpan>>(v, Json) ?? new List<ClockSpan>(),
            new ValueComparer<List<ClockSpan>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()));
        b.Property(p => p.Extensions).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<GrantedExtension>>(v, Json) ?? new List<GrantedExtension>(),
            new ValueComparer<List<GrantedExtension>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()));

        b.HasOne(p => p.Affair).WithMany().HasForeignKey(p => p.AffairId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Agency).WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Department).WithMany().HasForeignKey(p => p.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Assignee).WithMany().HasForeignKey(p => p.AssigneeId).OnDelete(DeleteBehavior.Restrict);

        b.HasIndex(p => new { p.AgencyId, p.ReceiptYear, p.ReceiptSequence }).IsUnique();
        b.HasIndex(p => p.ReceiptNumber).IsUnique();
        b.HasIndex(p => p.PriorExaminationId).HasFilter("prior_examination_id is not null");
        // Decree §6⑥ groups and Decree §26 closures point at real records only.
        b.HasOne<Petition>().WithMany().HasForeignKey(p => p.MergedIntoPetitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.MergedIntoPetitionId).HasFilter("merged_into_petition_id is not null");
        b.HasOne<Committee.CommitteeDecision>().WithMany().HasForeignKey(p => p.CommitteeClosureDecisionId).OnDelete(DeleteBehavior.Restrict);

        // The inbox and queue pages are index-only scans only where the visibility map marks pages all-visible: vacuum
        // after 1 % of the rows changed or arrived, not PostgreSQL's 20 % (400,000 rows at 2,000,000 petitions).
        b.HasStorageParameter("autovacuum_vacuum_scale_factor", 0.01);
        b.HasStorageParameter("autovacuum_vacuum_insert_scale_factor", 0.01);
        // Vacuum always cleans the indexes too: when it skips them (few dead items), those pages stay not all-visible and
        // the inbox, queue and count scans fetch heap rows again (decision 011).
        b.HasStorageParameter("vacuum_index_cleanup", "on");

        // Hot reads (architecture "Persistence"): partial indexes over open petitions only.
        // The inbox reads only the columns it includes, so a page is an index-only scan (no heap page per row).
        b.HasIndex(p => new { p.AssigneeId, p.DueAt, p.Id }).HasFilter("is_open").HasDatabaseName("ix_petitions_inbox")
            .IncludeProperties(p => new { p.ReceiptNumber, p.Kind, p.Channel, p.Title, p.PetitionerName, p.WorkflowId, p.WorkflowVersion, p.State, p.ClockState, p.DueUnit });
        b.HasIndex(p => new { p.AgencyId, p.DepartmentId, p.DueAt, p.Id }).HasFilter("is_open").HasDatabaseName("ix_petitions_open_by_department");
        // A department's queue (부서 대기): its open, unassigned petitions by due, covering like the inbox index.
        b.HasIndex(p => new { p.DepartmentId, p.DueAt, p.Id }).HasFilter("is_open and assignee_id is null").HasDatabaseName("ix_petitions_queue")
            .IncludeProperties(p => new { p.ReceiptNumber, p.Kind, p.Channel, p.Title, p.PetitionerName, p.WorkflowId, p.WorkflowVersion, p.State, p.ClockState, p.DueUnit });
        b.HasIndex(p => p.NextMilestoneAt).HasFilter("is_open and next_milestone_at is not null").HasDatabaseName("ix_petitions_next_milestone");
        b.HasIndex(p => new { p.AgencyId, p.ReceiptYear, p.Kind }).HasDatabaseName("ix_petitions_report");
        b.HasIndex(p => p.PetitionerName).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_petitions_petitioner_trgm");
        b.HasIndex(p => p.Title).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_petitions_title_trgm");
    }
}

internal sealed class PetitionEventConfiguration : IEntityTypeConfiguration<PetitionEvent>
{
    public void Configure(EntityTypeBuilder<PetitionEvent> b)
    {
        b.Property(e => e.Type).HasMaxLength(60);
        b.Property(e => e.ActorName).HasMaxLength(100);
        b.Property(e => e.Trigger).HasMaxLength(60);
        b.Property(e => e.FromState).HasMaxLength(60);
        b.Property(e => e.ToState).HasMaxLength(60);
        b.Property(e => e.Reason).HasMaxLength(4000);
        b.Property(e => e.Data).HasColumnType("jsonb");
        b.HasOne<Petition>().WithMany().HasForeignKey(e => e.PetitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.PetitionId, e.Id });
        b.HasIndex(e => new { e.Type, e.At });
    }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.Property(n => n.Template).HasMaxLength(100);
        b.Property(n => n.Language).HasMaxLength(5);
        b.Property(n => n.VerificationCode).HasMaxLength(40);
        b.Property(n => n.Trigger).HasMaxLength(60);
        b.Property(n => n.DeliveryChannel).HasMaxLength(20);
        b.Property(n => n.ReturnedReason).HasMaxLength(400);
        b.Property(n => n.ReturnedBy).HasMaxLength(100);
        b.HasIndex(n => n.VerificationCode).IsUnique();
        b.HasIndex(n => n.PetitionId);
        b.HasOne(n => n.Delivery).WithMany().HasForeignKey(n => n.DeliveryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Petition>().WithMany().HasForeignKey(n => n.PetitionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<Documents.IssuedDocument>
{
    public void Configure(EntityTypeBuilder<Documents.IssuedDocument> b)
    {
        b.ToTable("issued_documents");
        b.Property(d => d.IssueNumber).HasMaxLength(40);
        b.HasIndex(d => d.IssueNumber).IsUnique();
        // One document per petition: the issuance happens once, whatever replays the decision.
        b.HasIndex(d => d.PetitionId).IsUnique();
        b.Property(d => d.Template).HasMaxLength(100);
        b.Property(d => d.TitleKo).HasMaxLength(300);
        b.Property(d => d.TitleEn).HasMaxLength(300);
        b.Property(d => d.HolderMasked).HasMaxLength(200);
        b.Property(d => d.Digest).HasMaxLength(64);
        b.Property(d => d.Signature).HasMaxLength(200);
        b.Property(d => d.SigningKeyId).HasMaxLength(40);
        b.Property(d => d.VerificationCode).HasMaxLength(40);
        b.HasOne<Petition>().WithMany().HasForeignKey(d => d.PetitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agencies.Agency>().WithMany().HasForeignKey(d => d.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgencySigningKeyConfiguration : IEntityTypeConfiguration<Documents.AgencySigningKey>
{
    public void Configure(EntityTypeBuilder<Documents.AgencySigningKey> b)
    {
        b.ToTable("agency_signing_keys");
        b.HasIndex(k => k.AgencyId).IsUnique();
        b.Property(k => k.KeyId).HasMaxLength(40);
        b.HasIndex(k => k.KeyId).IsUnique();
        b.Property(k => k.PublicKey).HasMaxLength(400);
        b.Property(k => k.PrivateKeyProtectorId).HasMaxLength(40);
        b.HasOne<Agencies.Agency>().WithMany().HasForeignKey(k => k.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReceiptCounterConfiguration : IEntityTypeConfiguration<ReceiptCounter>
{
    public void Configure(EntityTypeBuilder<ReceiptCounter> b)
    {
        b.HasKey(c => new { c.AgencyId, c.Year });
        b.HasOne<Treatment.Core.Agencies.Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
