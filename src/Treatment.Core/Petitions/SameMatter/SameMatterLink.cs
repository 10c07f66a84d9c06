namespace Treatment.Core.Petitions.SameMatter;

/// <summary>An official's judgement on a suggested earlier filing: the same matter, or not (Act §23③ is a human judgement).</summary>
public enum SameMatterDecision
{
    Confirmed,
    Rejected,
}

/// <summary>A petition linked by an official to an earlier filing of the same petitioner on the same matter, with the reason.</summary>
public sealed class SameMatterLink
{
    public long Id { get; set; }

    public long PetitionId { get; set; }

    public long EarlierPetitionId { get; set; }

    public SameMatterDecision Decision { get; set; }

    /// <summary>pg_trgm similarity of the two titles and bodies when the link was suggested.</summary>
    public double Similarity { get; set; }

    public required string Reason { get; set; }

    public Guid? DecidedById { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}
