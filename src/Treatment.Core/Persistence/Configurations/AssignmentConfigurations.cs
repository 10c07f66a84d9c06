using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treatment.Core.Agencies;
using Treatment.Core.Assignment;

namespace Treatment.Core.Persistence.Configurations;

internal sealed class AbsenceConfiguration : IEntityTypeConfiguration<Absence>
{
    public void Configure(EntityTypeBuilder<Absence> b)
    {
        b.ToTable("absences");
        b.Property(a => a.Reason).HasMaxLength(500);
        b.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(a => a.SubstituteId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.UserId, a.EndsOn });
        b.HasIndex(a => a.StartsOn).HasFilter("applied_at is null").HasDatabaseName("ix_absences_pending");
    }
}

internal sealed class DistributionMatchConfiguration : IEntityTypeConfiguration<DistributionMatch>
{
    public void Configure(EntityTypeBuilder<DistributionMatch> b)
    {
        b.ToTable("distribution_matches");
        b.HasOne<Department>().WithMany().HasForeignKey(m => m.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.DepartmentId, m.UserId });
    }
}
