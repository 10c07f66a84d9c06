using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treatment.Core.Channels;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;
using Treatment.Core.Workflows;

namespace Treatment.Core.Persistence.Configurations;

internal sealed class PublishedWorkflowVersionConfiguration : IEntityTypeConfiguration<PublishedWorkflowVersion>
{
    public void Configure(EntityTypeBuilder<PublishedWorkflowVersion> b)
    {
        b.HasKey(v => new { v.WorkflowId, v.Version });
        b.Property(v => v.WorkflowId).HasMaxLength(60);
        b.Property(v => v.ContentHash).HasMaxLength(64);
        b.Property(v => v.EffectsHash).HasMaxLength(64);
    }
}

internal sealed class ChannelApiKeyConfiguration : IEntityTypeConfiguration<ChannelApiKey>
{
    public void Configure(EntityTypeBuilder<ChannelApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(100);
        b.Property(k => k.Prefix).HasMaxLength(12);
        b.Property(k => k.KeyHash).HasMaxLength(64);
        b.HasIndex(k => k.KeyHash).IsUnique();
        // A short list read with the key: one comma-separated column ("OnlinePortal,Kiosk").
        b.Property(k => k.AllowedChannels).HasMaxLength(200).HasConversion(
            v => string.Join(',', v),
            s => s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Channel>).ToList(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<Channel>>(
                (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, c) => HashCode.Combine(h, c)), v => v.ToList()));
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.HasKey(r => new { r.ChannelApiKeyId, r.Key });
        b.Property(r => r.Key).HasMaxLength(200);
        b.Property(r => r.RequestHash).HasMaxLength(64);
    }
}

internal sealed class MilestoneFiringConfiguration : IEntityTypeConfiguration<MilestoneFiring>
{
    public void Configure(EntityTypeBuilder<MilestoneFiring> b)
    {
        b.HasKey(f => new { f.PetitionId, f.Milestone, f.ClockGeneration });
        b.Property(f => f.Milestone).HasMaxLength(60);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        // Ids are taken in blocks from the column's own identity sequence (decision 004): a notice names its delivery,
        // and a key known before the insert lets both rows go in one round trip with the rest of the change. Inserts
        // by SQL keep the identity default; each takes a whole block, so the two never meet.
        b.Property(m => m.Id).UseHiLo(OutboxIdBlock.SequenceName);
        b.Property(m => m.Kind).HasMaxLength(20);
        b.Property(m => m.Recipient).HasMaxLength(300);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.HasIndex(m => m.Id).HasFilter("sent_at is null").HasDatabaseName("ix_outbox_messages_unsent");
        b.HasIndex(m => m.DeadAt).HasFilter("dead_at is not null").HasDatabaseName("ix_outbox_messages_dead");
    }
}

internal sealed class UserNotificationConfiguration : IEntityTypeConfiguration<UserNotification>
{
    public void Configure(EntityTypeBuilder<UserNotification> b)
    {
        b.Property(n => n.Kind).HasMaxLength(40);
        b.HasIndex(n => new { n.UserId, n.Id }).HasFilter("read_at is null").HasDatabaseName("ix_user_notifications_unread");
        b.HasIndex(n => new { n.UserId, n.CreatedAt });
    }
}

internal sealed class ObligationBreachConfiguration : IEntityTypeConfiguration<ObligationBreach>
{
    public void Configure(EntityTypeBuilder<ObligationBreach> b)
    {
        b.Property(o => o.Obligation).HasMaxLength(60);
        b.HasIndex(o => new { o.AgencyId, o.DepartmentId, o.DetectedAt });
        b.HasIndex(o => new { o.PetitionId, o.Obligation }).IsUnique();
    }
}

internal sealed class MonthlyCheckConfiguration : IEntityTypeConfiguration<MonthlyCheck>
{
    public void Configure(EntityTypeBuilder<MonthlyCheck> b)
    {
        b.Property(m => m.Content).HasColumnType("jsonb");
        b.Property(m => m.SignedByName).HasMaxLength(100);
        b.HasIndex(m => new { m.AgencyId, m.Year, m.Month }).IsUnique();
    }
}

internal sealed class ReportRunConfiguration : IEntityTypeConfiguration<ReportRun>
{
    public void Configure(EntityTypeBuilder<ReportRun> b)
    {
        b.Property(r => r.Scope).HasMaxLength(20);
        b.Property(r => r.AgencyCode).HasMaxLength(40);
        b.Property(r => r.Status).HasMaxLength(20);
        b.Property(r => r.Checksum).HasMaxLength(64);
        b.HasIndex(r => new { r.Year, r.Scope, r.AgencyCode, r.CreatedAt });
    }
}

internal sealed class WhatIfRunConfiguration : IEntityTypeConfiguration<Reports.WhatIf.WhatIfRun>
{
    public void Configure(EntityTypeBuilder<Reports.WhatIf.WhatIfRun> b)
    {
        b.ToTable("what_if_runs");
        b.Property(r => r.Status).HasMaxLength(20);
        b.Property(r => r.Proposal).HasColumnType("jsonb");
        b.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class CalendarFileVersionConfiguration : IEntityTypeConfiguration<CalendarFileVersion>
{
    public void Configure(EntityTypeBuilder<CalendarFileVersion> b)
    {
        b.ToTable("calendar_file_versions");
        b.Property(v => v.Digest).HasMaxLength(40);
        b.Property(v => v.Files).HasColumnType("jsonb");
        b.Property(v => v.Reason).HasMaxLength(500);
        b.HasIndex(v => v.AppliedAt);
    }
}

internal sealed class CalendarChangeConfiguration : IEntityTypeConfiguration<CalendarChange>
{
    public void Configure(EntityTypeBuilder<CalendarChange> b)
    {
        b.Property(c => c.NameKo).HasMaxLength(100);
        b.Property(c => c.LegalBasis).HasMaxLength(300);
    }
}

internal sealed class PetitionRollupConfiguration : IEntityTypeConfiguration<PetitionRollup>
{
    public void Configure(EntityTypeBuilder<PetitionRollup> b)
    {
        b.ToTable("petition_rollups");
        b.HasKey(r => new { r.AgencyId, r.Month, r.Kind, r.AffairId, r.Channel, r.Measure, r.Label, r.Bucket });
        b.Property(r => r.Kind).HasMaxLength(20);
        b.Property(r => r.Channel).HasMaxLength(20);
        b.Property(r => r.Measure).HasMaxLength(40);
        b.Property(r => r.Label).HasMaxLength(200);
        b.HasIndex(r => new { r.Month, r.Measure });
    }
}

internal sealed class PetitionRollupYearConfiguration : IEntityTypeConfiguration<PetitionRollupYear>
{
    public void Configure(EntityTypeBuilder<PetitionRollupYear> b)
    {
        b.ToTable("petition_rollup_years");
        b.HasKey(r => new { r.AgencyId, r.Year, r.Kind, r.AffairId, r.Channel, r.Measure, r.Label, r.Bucket });
        b.Property(r => r.Kind).HasMaxLength(20);
        b.Property(r => r.Channel).HasMaxLength(20);
        b.Property(r => r.Measure).HasMaxLength(40);
        b.Property(r => r.Label).HasMaxLength(200);
    }
}

internal sealed class PetitionRollupDeltaConfiguration : IEntityTypeConfiguration<PetitionRollupDelta>
{
    public void Configure(EntityTypeBuilder<PetitionRollupDelta> b)
    {
        b.ToTable("petition_rollup_deltas");
        b.Property(r => r.Id).UseIdentityAlwaysColumn();
        b.Property(r => r.Kind).HasMaxLength(20);
        b.Property(r => r.Channel).HasMaxLength(20);
        b.Property(r => r.Measure).HasMaxLength(40);
        b.Property(r => r.Label).HasMaxLength(200);
        b.HasIndex(r => new { r.AgencyId, r.Month });
    }
}

internal sealed class AttemptThrottleConfiguration : IEntityTypeConfiguration<Security.AttemptThrottleRow>
{
    public void Configure(EntityTypeBuilder<Security.AttemptThrottleRow> b)
    {
        b.ToTable("attempt_throttles");
        b.HasKey(t => t.Key);
        b.Property(t => t.Key).HasMaxLength(200);
    }
}
