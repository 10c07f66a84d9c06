namespace Treatment.Core.Notices;

/// <summary>A notice as issued: rendered once (HTML and text) and never re-rendered; verifiable by its code.</summary>
public sealed class Notice
{
    public long Id { get; set; }

    public long PetitionId { get; set; }

    /// <summary>Template name, e.g. "notices/receipt".</summary>
    public required string Template { get; set; }

    public required string Language { get; set; }

    public required string Html { get; set; }

    public required string Text { get; set; }

    /// <summary>Printed on the notice; lets anyone confirm it was issued by the agency.</summary>
    public required string VerificationCode { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public Guid? IssuedById { get; set; }

    /// <summary>The trigger whose transition issued the notice (a supplementation request counts towards deemed withdrawal when returned).</summary>
    public string? Trigger { get; set; }

    /// <summary>How the notice goes to the petitioner (<see cref="NoticeChannels"/>); null when handed over in person.</summary>
    public string? DeliveryChannel { get; set; }

    /// <summary>The outbox message that carries the notice; its sent and dead instants give the delivery status.</summary>
    public long? DeliveryId { get; set; }

    public Jobs.OutboxMessage? Delivery { get; set; }

    /// <summary>Returned undelivered (rulebook §3.2: the address was unclear), recorded by an official or a bounce; never our own send failures.</summary>
    public DateTimeOffset? ReturnedAt { get; set; }

    public string? ReturnedReason { get; set; }

    /// <summary>Who recorded the return: an official's name, or "bounce (channel)".</summary>
    public string? ReturnedBy { get; set; }
}
