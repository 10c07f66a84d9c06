namespace Treatment.Core.Open311;

/// <summary>
/// A petition received through Open311 GeoReport v2: which channel key sent it (only that key reads it back) and the
/// service code it named. The location and description went into the petition itself at intake.
/// </summary>
public sealed class Open311Request
{
    public long PetitionId { get; set; }

    public int ChannelApiKeyId { get; set; }

    public required string ServiceCode { get; set; }

    public DateTimeOffset RequestedAt { get; set; }
}
