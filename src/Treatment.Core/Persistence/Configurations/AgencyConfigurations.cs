using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treatment.Core.Affairs;
using Treatment.Core.Agencies;

namespace Treatment.Core.Persistence.Configurations;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.HasIndex(a => a.Code).IsUnique();
        b.Property(a => a.Code).HasMaxLength(40);
        b.Property(a => a.NameKo).HasMaxLength(200);
        b.Property(a => a.NameEn).HasMaxLength(200);
        b.HasOne(a => a.Parent).WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Departments).WithOne(d => d.Agency).HasForeignKey(d => d.AgencyId);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.HasIndex(d => new { d.AgencyId, d.Code }).IsUnique();
        b.Property(d => d.Code).HasMaxLength(40);
        b.Property(d => d.NameKo).HasMaxLength(200);
        b.Property(d => d.NameEn).HasMaxLength(200);
        b.Property(d => d.Phone).HasMaxLength(40);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.ToTable("users");
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.Property(u => u.OfficePhone).HasMaxLength(40);
        b.HasOne(u => u.Agency).WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.Department).WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => new { u.AgencyId, u.DepartmentId });
    }
}

internal sealed class CivilAffairConfiguration : IEntityTypeConfiguration<CivilAffair>
{
    public void Configure(EntityTypeBuilder<CivilAffair> b)
    {
        b.ToTable("civil_affairs");
        b.HasIndex(a => a.Code).IsUnique();
        b.Property(a => a.Code).HasMaxLength(60);
        b.Property(a => a.NameKo).HasMaxLength(300);
        b.Property(a => a.NameEn).HasMaxLength(300);
        b.Ignore(a => a.Period);
        b.Property(a => a.DocumentTemplate).HasMaxLength(100);
        b.HasIndex(a => a.NameKo).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
