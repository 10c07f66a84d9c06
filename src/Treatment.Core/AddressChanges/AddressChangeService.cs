using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Security;
using Treatment.Core.Workflows;

namespace Treatment.Core.AddressChanges;

/// <summary>A move-in report with the recipients the citizen consents to tell (codes of registered recipients).</summary>
public sealed record AddressChangeRequest(string? Name, string? Phone, string? PreviousAddress, string? NewAddress, DateOnly? MovedOn, IReadOnlyList<string>? Recipients);

public sealed record DeliveryView(
    Guid DeliveryId, string RecipientCode, LocalizedText Recipient, string Channel, string State, int Attempts,
    DateTimeOffset? DeliveredAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? NextAttemptAt);

public sealed record AddressChangeView(long Id, string ReceiptNumber, string NameMasked, string NewAddressMasked, DateOnly MovedOn, DateTimeOffset ReportedAt, IReadOnlyList<DeliveryView> Deliveries);

public enum AcknowledgementOutcome
{
    Acknowledged,

    /// <summary>Unknown delivery id or a signature that does not verify: one answer for both.</summary>
    Refused,
}

/// <summary>
/// The change of address service (주소변경 서비스): one report tells every recipient the citizen consented to. Each
/// recipient's copy is a delivery queued in the outbox in the same transaction as the report (decision 013: retries,
/// back-off, dead letters); its status is read from the outbox row and the recipient's signed acknowledgement.
/// </summary>
public sealed class AddressChangeService(TreatmentDbContext db, PersonalDataProtector protector, TimeProvider time)
{
    public const int MaxRecipients = 50;

    public async Task<PetitionResult<AddressChangeView>> ReportAsync(AddressChangeRequest request, int? channelKeyId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        Text(errors, "name", request.Name, 100);
        Text(errors, "previousAddress", request.PreviousAddress, 300);
        Text(errors, "newAddress", request.NewAddress, 300);
        if (request.Phone is { Length: > 0 } phone && (phone.Length > 40 || TextRules.HasForbiddenCharacters(phone, multiline: false)))
        {
            errors["phone"] = ["40자 이하여야 합니다. (at most 40 characters)"];
        }

        if (request.MovedOn is not { } movedOn || movedOn > PetitionClock.KoreanDate(now))
        {
            errors["movedOn"] = ["전입일이 필요하며 미래일 수 없습니다. (the move-in date is required and not in the future)"];
        }

        var codes = (request.Recipients ?? []).Select(c => c?.Trim() ?? "").ToList();
        if (codes.Count is 0 or > MaxRecipients || codes.Distinct(StringComparer.Ordinal).Count() != codes.Count)
        {
            errors["recipients"] = [$"동의한 기관을 1~{MaxRecipients}곳, 한 번씩 고르십시오. (consent to 1 to {MaxRecipients} recipients, each once)"];
        }

        var recipients = await db.AddressChangeRecipients.Where(r => codes.Contains(r.Code) && r.Active).ToListAsync(ct);
        if (!errors.ContainsKey("recipients") && codes.FirstOrDefault(c => recipients.All(r => r.Code != c)) is { } unknown)
        {
            errors["recipients"] = [$"등록되지 않은 기관입니다: {unknown} (not a registered recipient)"];
        }

        if (errors.Count > 0)
        {
            return PetitionError.Invalid(errors);
        }

        var sequence = await db.Database.SqlQuery<long>($"select nextval('address_change_receipt_numbers') as \"Value\"").SingleAsync(ct);
        var change = new AddressChange
        {
            ReceiptNumber = string.Create(CultureInfo.InvariantCulture, $"{PetitionClock.KoreanDate(now).Year}-ADR-{sequence:D6}"),
            NameCipher = protector.Encrypt(request.Name!.Trim()),
            PreviousAddressCipher = protector.Encrypt(request.PreviousAddress!.Trim()),
            NewAddressCipher = protector.Encrypt(request.NewAddress!.Trim()),
            PhoneCipher = request.Phone is { Length: > 0 } p ? protector.Encrypt(p.Trim()) : null,
            KeyId = protector.CurrentKeyId,
            NameMasked = PersonalDataProtector.MaskName(request.Name.Trim()),
            NewAddressMasked = PersonalDataMasks.Address(request.NewAddress.Trim()) ?? "",
            MovedOn = request.MovedOn!.Value,
            ChannelApiKeyId = channelKeyId,
            CreatedAt = now,
        };
        foreach (var recipient in codes.Select(c => recipients.First(r => r.Code == c)))
        {
            change.Deliveries.Add(new AddressChangeDelivery
            {
                Id = Guid.NewGuid(),
                RecipientId = recipient.Id,
                Recipient = recipient,
                Message = new OutboxMessage
                {
                    CreatedAt = now,
                    Kind = recipient.Channel == RecipientChannels.Webhook ? AddressChangeSender.WebhookKind : AddressChangeSender.EmailKind,
                    Recipient = recipient.Endpoint,
                    Subject = $"주소변경 통지 {change.ReceiptNumber} (change of address) → {recipient.Code}",
                    Body = "", // built at sending from the encrypted record (AddressChangeSender)
                },
            });
        }

        db.AddressChanges.Add(change);
        await db.SaveChangesAsync(ct);
        return (await ViewAsync(change.Id, ct))!;
    }

    /// <summary>The channel that filed the report reads it (the citizen sees the list there); nobody else.</summary>
    public async Task<AddressChangeView?> ForChannelAsync(string receiptNumber, int channelKeyId, CancellationToken ct)
    {
        var id = await db.AddressChanges.Where(c => c.ReceiptNumber == receiptNumber && c.ChannelApiKeyId == channelKeyId).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        return id is { } found ? await ViewAsync(found, ct) : null;
    }

    /// <summary>A recipient confirms it applied the change, signing the body with its secret like our webhooks.</summary>
    public async Task<AcknowledgementOutcome> AcknowledgeAsync(Guid deliveryId, string? timestamp, string? signature, string body, CancellationToken ct)
    {
        var delivery = await db.AddressChangeDeliveries.Include(d => d.Recipient).FirstOrDefaultAsync(d => d.Id == deliveryId, ct);
        var recipient = delivery?.Recipient;
        if (recipient?.SecretCipher is not { } cipher
            || !WebhookSignature.Verify(protector.Decrypt(cipher, recipient.SecretKeyId), timestamp, signature, body, time.GetUtcNow()))
        {
            return AcknowledgementOutcome.Refused;
        }

        delivery!.AcknowledgedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return AcknowledgementOutcome.Acknowledged;
    }

    private async Task<AddressChangeView?> ViewAsync(long id, CancellationToken ct)
    {
        var change = await db.AddressChanges.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (change is null)
        {
            return null;
        }

        var rows = await db.AddressChangeDeliveries.AsNoTracking().Where(d => d.AddressChangeId == id)
            .Select(d => new { Delivery = d, d.Recipient, d.Message }).ToListAsync(ct);
        var deliveries = rows.OrderBy(r => r.Recipient!.Code, StringComparer.Ordinal).Select(r => new DeliveryView(
            r.Delivery.Id, r.Recipient!.Code, new LocalizedText(r.Recipient.NameKo, r.Recipient.NameEn), r.Recipient.Channel, StateOf(r.Delivery, r.Message!),
            r.Message!.Attempts, r.Message.SentAt, r.Delivery.AcknowledgedAt, r.Message.SentAt is null && r.Message.DeadAt is null ? r.Message.NextAttemptAt : null)).ToList();
        return new AddressChangeView(change.Id, change.ReceiptNumber, change.NameMasked, change.NewAddressMasked, change.MovedOn, change.CreatedAt, deliveries);
    }

    /// <summary>Acknowledged over delivered over failed (the last attempt failed, or dead-lettered) over pending.</summary>
    public static string StateOf(AddressChangeDelivery delivery, OutboxMessage message) =>
        delivery.AcknowledgedAt is not null ? DeliveryStates.Acknowledged
        : message.SentAt is not null ? DeliveryStates.Delivered
        : message.DeadAt is not null || message.LastError is not null ? DeliveryStates.Failed
        : DeliveryStates.Pending;

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max || TextRules.HasForbiddenCharacters(value, multiline: false))
        {
            errors[field] = [$"필수 항목이며 {max}자 이하여야 합니다. (required, at most {max} characters)"];
        }
    }
}
