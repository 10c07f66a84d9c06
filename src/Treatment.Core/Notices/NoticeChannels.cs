using Treatment.Core.Jobs;
using Treatment.Core.Petitions;

namespace Treatment.Core.Notices;

/// <summary>
/// How a notice reaches the petitioner (Act §27②, Decree §29): the channel they chose at intake, or by the policy
/// <c>notice-channel-default</c> the first they gave of e-mail, mobile phone (SMS) and postal address (paper);
/// with none, the notice is handed over in person and only stored.
/// </summary>
public static class NoticeChannels
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string AlimTalk = "alimtalk";
    public const string Paper = "paper";
    public const string InPerson = "in-person";

    /// <summary>Outbox kind of a printed letter (the print room's queue).</summary>
    public const string PrintKind = "print";

    public static readonly IReadOnlyList<string> All = [Email, Sms, AlimTalk, Paper, InPerson];

    public static bool IsKnown(string? channel) => channel is not null && All.Contains(channel);

    /// <summary>The channel a petition's notices take: the chosen one when its address is known, the default otherwise.</summary>
    public static string For(Petition petition)
    {
        var chosen = petition.NoticeChannel;
        if (chosen is not null && Recipient(petition, chosen) is not null)
        {
            return chosen;
        }

        if (chosen == InPerson)
        {
            return InPerson;
        }

        return !string.IsNullOrWhiteSpace(petition.PetitionerEmail) ? Email
            : !string.IsNullOrWhiteSpace(petition.PetitionerPhone) ? Sms
            : !string.IsNullOrWhiteSpace(petition.PetitionerAddress) ? Paper
            : InPerson;
    }

    /// <summary>The address the channel sends to, or null when the petitioner gave none.</summary>
    public static string? Recipient(Petition petition, string channel) => channel switch
    {
        Email => Blank(petition.PetitionerEmail),
        Sms or AlimTalk => Blank(petition.PetitionerPhone),
        Paper => Blank(petition.PetitionerAddress),
        _ => null,
    };

    /// <summary>The outbox message that delivers a rendered notice, or null for a notice handed over in person.</summary>
    public static OutboxMessage? Delivery(Petition petition, string subject, string text, DateTimeOffset now)
    {
        var channel = For(petition);
        if (Recipient(petition, channel) is not { } recipient)
        {
            return null;
        }

        return new OutboxMessage
        {
            CreatedAt = now,
            Kind = channel == Paper ? PrintKind : channel,
            Recipient = recipient,
            Subject = subject.Length > 300 ? subject[..300] : subject,
            Body = text,
            PetitionId = petition.Id == 0 ? null : petition.Id,
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Where a notice's delivery stands, as the petition page and the API show it.</summary>
public enum NoticeDeliveryStatus
{
    /// <summary>Handed over in person or shown at the counter: nothing is sent.</summary>
    InPerson,

    /// <summary>In the outbox, not yet accepted by the mail, message or print service.</summary>
    Queued,

    /// <summary>Accepted by the mail, message or print service.</summary>
    Sent,

    /// <summary>Our attempts ran out (the outbox's dead letter); an admin may resend it. Not "undelivered" in the rulebook's sense.</summary>
    Failed,

    /// <summary>Returned undelivered (rulebook §3.2), recorded by an official or a bounce.</summary>
    Undelivered,
}

public static class NoticeDeliveries
{
    public static NoticeDeliveryStatus Status(Notice notice, OutboxMessage? delivery) =>
        notice.ReturnedAt is not null ? NoticeDeliveryStatus.Undelivered
        : notice.DeliveryId is null ? NoticeDeliveryStatus.InPerson
        : delivery?.SentAt is not null ? NoticeDeliveryStatus.Sent
        : delivery?.DeadAt is not null ? NoticeDeliveryStatus.Failed
        : NoticeDeliveryStatus.Queued;
}

/// <summary>A notice's delivery as shown on the petition page and in the API (status lookup included).</summary>
public sealed record NoticeDeliveryView(string Channel, NoticeDeliveryStatus Status, DateTimeOffset? SentAt, DateTimeOffset? ReturnedAt, string? ReturnedReason)
{
    /// <summary>The status in the API's kebab-case.</summary>
    public string StatusName => Status switch
    {
        NoticeDeliveryStatus.InPerson => "in-person",
        NoticeDeliveryStatus.Queued => "queued",
        NoticeDeliveryStatus.Sent => "sent",
        NoticeDeliveryStatus.Failed => "failed",
        _ => "undelivered",
    };

    public static NoticeDeliveryView Of(Notice notice) => new(
        notice.DeliveryChannel ?? NoticeChannels.InPerson,
        NoticeDeliveries.Status(notice, notice.Delivery),
        notice.Delivery?.SentAt,
        notice.ReturnedAt,
        notice.ReturnedReason);
}
