using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treatment.Core.AddressChanges;
using Treatment.Core.Jobs;
using Treatment.Core.Packages;
using Treatment.Core.Petitions;

namespace Treatment.Core.Persistence.Configurations;

internal sealed class PackageDefinitionConfiguration : IEntityTypeConfiguration<PackageDefinition>
{
    public void Configure(EntityTypeBuilder<PackageDefinition> b)
    {
        b.Property(d => d.Code).HasMaxLength(40);
        b.HasIndex(d => d.Code).IsUnique();
        b.Property(d => d.NameKo).HasMaxLength(200);
        b.Property(d => d.NameEn).HasMaxLength(200);
        b.Property(d => d.DescriptionKo).HasMaxLength(1000);
        b.Property(d => d.DescriptionEn).HasMaxLength(1000);
        b.HasMany(d => d.Affairs).WithOne().HasForeignKey(a => a.PackageDefinitionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PackageDefinitionAffairConfiguration : IEntityTypeConfiguration<PackageDefinitionAffair>
{
    public void Configure(EntityTypeBuilder<PackageDefinitionAffair> b)
    {
        b.Property(a => a.AffairCode).HasMaxLength(60);
        b.HasIndex(a => new { a.PackageDefinitionId, a.AffairCode }).IsUnique();
    }
}

internal sealed class PetitionPackageConfiguration : IEntityTypeConfiguration<PetitionPackage>
{
    public void Configure(EntityTypeBuilder<PetitionPackage> b)
    {
        b.Property(p => p.ReceiptNumber).HasMaxLength(40);
        b.HasIndex(p => p.ReceiptNumber).IsUnique();
        b.Property(p => p.PetitionerNameMasked).HasMaxLength(100);
        b.HasOne(p => p.Definition).WithMany().HasForeignKey(p => p.PackageDefinitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Members).WithOne().HasForeignKey(m => m.PackageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PetitionPackageMemberConfiguration : IEntityTypeConfiguration<PetitionPackageMember>
{
    public void Configure(EntityTypeBuilder<PetitionPackageMember> b)
    {
        b.HasKey(m => new { m.PackageId, m.PetitionId });
        // A petition belongs to at most one package; the reverse lookup (a petition's siblings) uses this index.
        b.HasIndex(m => m.PetitionId).IsUnique();
        b.HasOne<Petition>().WithMany().HasForeignKey(m => m.PetitionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AddressChangeRecipientConfiguration : IEntityTypeConfiguration<AddressChangeRecipient>
{
    public void Configure(EntityTypeBuilder<AddressChangeRecipient> b)
    {
        b.Property(r => r.Code).HasMaxLength(40);
        b.HasIndex(r => r.Code).IsUnique();
        b.Property(r => r.NameKo).HasMaxLength(200);
        b.Property(r => r.NameEn).HasMaxLength(200);
        b.Property(r => r.Channel).HasMaxLength(20);
        b.Property(r => r.Endpoint).HasMaxLength(300);
        b.Property(r => r.SecretKeyId).HasMaxLength(40);
    }
}

internal sealed class AddressChangeConfiguration : IEntityTypeConfiguration<AddressChange>
{
    public void Configure(EntityTypeBuilder<AddressChange> b)
    {
        b.Property(c => c.ReceiptNumber).HasMaxLength(40);
        b.HasIndex(c => c.ReceiptNumber).IsUnique();
        b.Property(c => c.KeyId).HasMaxLength(40);
        b.Property(c => c.NameMasked).HasMaxLength(100);
        b.Property(c => c.NewAddressMasked).HasMaxLength(300);
        b.HasMany(c => c.Deliveries).WithOne().HasForeignKey(d => d.AddressChangeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AddressChangeDeliveryConfiguration : IEntityTypeConfiguration<AddressChangeDelivery>
{
    public void Configure(EntityTypeBuilder<AddressChangeDelivery> b)
    {
        b.Property(d => d.Id).ValueGeneratedNever();
        b.HasIndex(d => new { d.AddressChangeId, d.RecipientId }).IsUnique();
        b.HasOne(d => d.Recipient).WithMany().HasForeignKey(d => d.RecipientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Message).WithOne().HasForeignKey<AddressChangeDelivery>(d => d.OutboxMessageId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => d.OutboxMessageId).IsUnique();
    }
}
