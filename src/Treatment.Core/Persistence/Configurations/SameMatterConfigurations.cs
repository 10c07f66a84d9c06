using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treatment.Core.Petitions;
using Treatment.Core.Petitions.SameMatter;

namespace Treatment.Core.Persistence.Configurations;

internal sealed class SameMatterLinkConfiguration : IEntityTypeConfiguration<SameMatterLink>
{
    public void Configure(EntityTypeBuilder<SameMatterLink> b)
    {
        b.ToTable("same_matter_links");
        b.Property(l => l.Decision).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.Reason).HasMaxLength(500);
        b.HasOne<Petition>().WithMany().HasForeignKey(l => l.PetitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Petition>().WithMany().HasForeignKey(l => l.EarlierPetitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => new { l.PetitionId, l.EarlierPetitionId }).IsUnique();
        b.HasIndex(l => l.EarlierPetitionId);
    }
}
