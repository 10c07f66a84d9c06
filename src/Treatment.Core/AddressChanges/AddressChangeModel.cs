namespace Treatment.Core.AddressChanges;

/// <summary>How a recipient of address changes is told (a signed webhook, or an e-mail).</summary>
public static class RecipientChannels
{
    public const string Webhook = "webhook";

    public const string Email = "email";

    public static bool IsKnown(string? channel) => channel is Webhook or Email;
}

/// <summary>The per-recipient states the citizen sees (policy <c>address-change-delivery-states</c>).</summary>
public static class DeliveryStates
{
    public const string Pending = "pending";

    public const string Delivered = "delivered";

    /// <summary>The last attempt failed: retried by the outbox's back-off, or dead-lettered for an admin to resend.</summary>
    public const string Failed = "failed";

    /// <summary>The recipient confirmed it applied the change (a signed acknowledgement).</summary>
    public const string Acknowledged = "acknowledged";
}

/// <summary>An agency or institution an admin registered to receive address changes (주소변경 서비스).</summary>
public sealed class AddressChangeRecipient
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public required string NameKo { get; set; }

    public required string NameEn { get; set; }

    /// <summary><see cref="RecipientChannels"/>.</summary>
    public required string Channel { get; set; }

    /// <summary>The webhook's https URL, or the e-mail address.</summary>
    public required string Endpoint { get; set; }

    /// <summary>The webhook's HMAC secret, AES-GCM with the personal-data key; shown once at registration.</summary>
    public byte[]? SecretCipher { get; set; }

    public string? SecretKeyId { get; set; }

    /// <summary>Withdrawn recipients are not offered; deliveries already queued still go.</summary>
    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One move-in report and the recipients the citizen consented to tell. Personal data encrypted at rest.</summary>
public sealed class AddressChange
{
    public long Id { get; set; }

    /// <summary>YYYY-ADR-NNNNNN from the sequence address_change_receipt_numbers.</summary>
    public required string ReceiptNumber { get; set; }

    public required byte[] NameCipher { get; set; }

    public required byte[] PreviousAddressCipher { get; set; }

    public required byte[] NewAddressCipher { get; set; }

    public byte[]? PhoneCipher { get; set; }

    /// <summary>The personal-data key the ciphers were made with.</summary>
    public required string KeyId { get; set; }

    public required string NameMasked { get; set; }

    public required string NewAddressMasked { get; set; }

    public DateOnly MovedOn { get; set; }

    /// <summary>The channel key that filed it (reads by that channel alone).</summary>
    public int? ChannelApiKeyId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<AddressChangeDelivery> Deliveries { get; set; } = [];
}

/// <summary>One recipient's copy of an address change. Its id is the delivery id every attempt carries, so a receiver drops repeats.</summary>
public sealed class AddressChangeDelivery
{
    public Guid Id { get; set; }

    public long AddressChangeId { get; set; }

    public int RecipientId { get; set; }

    public AddressChangeRecipient? Recipient { get; set; }

    /// <summary>The outbox message that carries it (its attempts, errors and sending are the delivery's).</summary>
    public long OutboxMessageId { get; set; }

    public Jobs.OutboxMessage? Message { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }
}
