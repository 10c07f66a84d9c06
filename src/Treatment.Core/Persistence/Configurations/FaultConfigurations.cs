using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treatment.Core.Jobs;

namespace Treatment.Core.Persistence.Configurations;

internal sealed class SweepQuarantineConfiguration : IEntityTypeConfiguration<SweepQuarantine>
{
    public void Configure(EntityTypeBuilder<SweepQuarantine> b)
    {
        b.Property(q => q.Milestone).HasMaxLength(80);
        // At most one open quarantine per petition; the sweep's claim probes this index for every candidate row.
        b.HasIndex(q => q.PetitionId).IsUnique().HasFilter("released_at is null").HasDatabaseName("ux_sweep_quarantines_open");
        b.HasIndex(q => new { q.AgencyId, q.QuarantinedAt });
    }
}
