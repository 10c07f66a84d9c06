namespace Treatment.Core.Packages;

/// <summary>A package an admin configures (a birth package, a moving package): the affairs one application may list.</summary>
public sealed class PackageDefinition
{
    public int Id { get; set; }

    /// <summary>Stable code in the API and the citizen window (e.g. BIRTH, MOVING).</summary>
    public required string Code { get; set; }

    public required string NameKo { get; set; }

    public required string NameEn { get; set; }

    public string DescriptionKo { get; set; } = "";

    public string DescriptionEn { get; set; } = "";

    /// <summary>Withdrawn packages take no new applications; filed ones stay readable.</summary>
    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public List<PackageDefinitionAffair> Affairs { get; set; } = [];
}

/// <summary>One affair a package offers, in the order the window lists them.</summary>
public sealed class PackageDefinitionAffair
{
    public int Id { get; set; }

    public int PackageDefinitionId { get; set; }

    public required string AffairCode { get; set; }

    public int Position { get; set; }
}

/// <summary>
/// One application for several affairs (묶음 민원): one package receipt number; each affair is a child petition on its own
/// workflow and clock. The package keeps no state of its own: it is derived from the children (<see cref="PackageStates"/>).
/// </summary>
public sealed class PetitionPackage
{
    public long Id { get; set; }

    /// <summary>YYYY-PKG-NNNNNN from the sequence package_receipt_numbers.</summary>
    public required string ReceiptNumber { get; set; }

    public int PackageDefinitionId { get; set; }

    public PackageDefinition? Definition { get; set; }

    /// <summary>The petitioner's name masked (the children hold the details).</summary>
    public required string PetitionerNameMasked { get; set; }

    /// <summary>AES-GCM with the personal-data key, like a petition's lookup code.</summary>
    public required byte[] LookupCodeCipher { get; set; }

    /// <summary>The channel key that filed it (reads by that channel); null for the citizen window or an official.</summary>
    public int? ChannelApiKeyId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<PetitionPackageMember> Members { get; set; } = [];
}

/// <summary>A child petition of a package (the sibling link).</summary>
public sealed class PetitionPackageMember
{
    public long PackageId { get; set; }

    public long PetitionId { get; set; }

    public int Position { get; set; }
}
