using Microsoft.EntityFrameworkCore;
using Treatment.Core.BackOffice;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Security;

namespace Treatment.Core.AddressChanges;

/// <summary>A recipient as an admin registers it.</summary>
public sealed record RecipientInput(string? Code, string? NameKo, string? NameEn, string? Channel, string? Endpoint);

/// <summary>The registered recipient and, for a webhook, its secret: shown this once, stored encrypted.</summary>
public sealed record RegisteredRecipient(AddressChangeRecipient Recipient, string? Secret);

/// <summary>The recipients of address changes, kept by admins of a central agency (one register for the country).</summary>
public sealed class RecipientRegistry(TreatmentDbContext db, PersonalDataProtector protector, TimeProvider time)
{
    /// <summary>The recipients a citizen may consent to (anyone may read the list: no personal data).</summary>
    public Task<List<AddressChangeRecipient>> ActiveAsync(CancellationToken ct) =>
        db.AddressChangeRecipients.AsNoTracking().Where(r => r.Active).OrderBy(r => r.Code).ToListAsync(ct);

    public async Task<PetitionResult<RegisteredRecipient>> RegisterAsync(RecipientInput input, Actor actor, CancellationToken ct)
    {
        await NationwideRegisters.RequireCentralAdminAsync(db, actor, ct);
        var errors = new Dictionary<string, string[]>();
        var code = input.Code?.Trim() ?? "";
        if (code.Length is 0 or > 40 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            errors["code"] = ["영문·숫자·하이픈 40자 이하여야 합니다. (letters, digits and hyphens, at most 40)"];
        }
        else if (await db.AddressChangeRecipients.AnyAsync(r => r.Code == code, ct))
        {
            errors["code"] = ["이미 등록된 코드입니다. (this code is registered already)"];
        }

        foreach (var (field, value) in new[] { ("nameKo", input.NameKo), ("nameEn", input.NameEn) })
        {
            if (TextRules.Check(value, 200, multiline: false, required: true) is { } problem)
            {
                errors[field] = [problem];
            }
        }

        var channel = input.Channel?.Trim().ToLowerInvariant();
        var endpoint = input.Endpoint?.Trim() ?? "";
        if (!RecipientChannels.IsKnown(channel))
        {
            errors["channel"] = ["webhook 또는 email이어야 합니다. (webhook or email)"];
        }
        else if (channel == RecipientChannels.Webhook && !IsWebhookUrl(endpoint))
        {
            errors["endpoint"] = ["https 주소여야 합니다(루프백만 http 허용). (an https URL; http only to loopback)"];
        }
        else if (channel == RecipientChannels.Email && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(endpoint))
        {
            errors["endpoint"] = ["전자우편 주소가 올바르지 않습니다. (not an e-mail address)"];
        }

        if (endpoint.Length > 300)
        {
            errors["endpoint"] = ["300자 이하여야 합니다. (at most 300 characters)"];
        }

        if (errors.Count > 0)
        {
            return PetitionError.Invalid(errors);
        }

        var secret = channel == RecipientChannels.Webhook ? WebhookSignature.NewSecret() : null;
        var recipient = new AddressChangeRecipient
        {
            Code = code,
            NameKo = input.NameKo!.Trim(),
            NameEn = input.NameEn!.Trim(),
            Channel = channel!,
            Endpoint = endpoint,
            SecretCipher = secret is null ? null : protector.Encrypt(secret),
            SecretKeyId = secret is null ? null : protector.CurrentKeyId,
            CreatedAt = time.GetUtcNow(),
        };
        db.AddressChangeRecipients.Add(recipient);
        await db.SaveChangesAsync(ct);
        return new RegisteredRecipient(recipient, secret);
    }

    /// <summary>Withdraws a recipient from the list citizens consent from; its queued deliveries still go.</summary>
    public async Task<bool> WithdrawAsync(string code, Actor actor, CancellationToken ct)
    {
        await NationwideRegisters.RequireCentralAdminAsync(db, actor, ct);
        return await db.AddressChangeRecipients.Where(r => r.Code == code && r.Active).ExecuteUpdateAsync(s => s.SetProperty(r => r.Active, false), ct) > 0;
    }

    /// <summary>Webhooks go to https; plain http only to a loopback host (a receiver on the same machine).</summary>
    public static bool IsWebhookUrl(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && string.IsNullOrEmpty(uri.UserInfo);
}
