namespace Treatment.Core.Petitions.ManyPerson;

/// <summary>Who chose a representative of a joint petition (Decree §8).</summary>
public enum RepresentativeChoice
{
    /// <summary>The signers chose them (on filing, or within the period the agency set).</summary>
    Petitioners,

    /// <summary>The agency chose them because the signers did not within the period (Decree §8).</summary>
    Agency,
}

/// <summary>One of at most three representatives of a joint petition (Decree §8); personal data masked on screen like the petitioner's.</summary>
public sealed class PetitionRepresentative
{
    public long Id { get; set; }

    public long PetitionId { get; set; }

    /// <summary>1 to 3.</summary>
    public int Ordinal { get; set; }

    public required string Name { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }

    public RepresentativeChoice ChosenBy { get; set; }

    public DateTimeOffset DesignatedAt { get; set; }
}
