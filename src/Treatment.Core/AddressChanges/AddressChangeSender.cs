using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Logging;
using Npgsql;
using Treatment.Core.Jobs;
using Treatment.Core.Security;

namespace Treatment.Core.AddressChanges;

/// <summary>
/// Sends the outbox messages of address changes. The message holds only the delivery id; the payload is built at
/// sending from the encrypted record, so no personal data waits in the outbox in clear. A webhook is POSTed with its
/// signature (<see cref="WebhookSignature"/>); any answer but 2xx throws, and the outbox retries with the same delivery id.
/// </summary>
public sealed class AddressChangeSender(NpgsqlDataSource dataSource, PersonalDataProtector protector, TimeProvider time, ILogger<AddressChangeSender> logger) : IDisposable
{
    public const string WebhookKind = "address-webhook";

    public const string EmailKind = "address-email";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(15) };

    public static bool Handles(string kind) => kind is WebhookKind or EmailKind;

    /// <summary>The payload a recipient receives (the same on every attempt of one delivery).</summary>
    public sealed record Payload(Guid DeliveryId, string AddressChange, string Recipient, string Name, string PreviousAddress, string NewAddress, string? Phone, DateOnly MovedOn, DateTimeOffset ReportedAt);

    public async Task SendAsync(OutboxMessage message, IOutboxSender mail, CancellationToken ct)
    {
        var (payload, secret) = await LoadAsync(message.Id, ct);
        if (message.Kind == EmailKind)
        {
            await mail.SendAsync(new OutboxMessage
            {
                Id = message.Id,
                CreatedAt = message.CreatedAt,
                Kind = RecipientChannels.Email,
                Recipient = message.Recipient,
                Subject = message.Subject,
                Body = EmailText(payload),
                Attempts = message.Attempts,
            }, ct);
            return;
        }

        var body = JsonSerializer.Serialize(payload, Json);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Recipient) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.DeliveryIdHeader, payload.DeliveryId.ToString());
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret!, timestamp, body));
        using var response = await _http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"webhook answered {(int)response.StatusCode}", null, response.StatusCode);
        }

        logger.LogInformation("Address change delivery {DeliveryId} accepted by {Recipient}", payload.DeliveryId, payload.Recipient);
    }

    private async Task<(Payload Payload, string? Secret)> LoadAsync(long outboxMessageId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            select d.id, c.receipt_number, r.code, c.name_cipher, c.previous_address_cipher, c.new_address_cipher, c.phone_cipher, c.key_id,
                   c.moved_on, c.created_at, r.secret_cipher, r.secret_key_id
            from address_change_deliveries d
            join address_changes c on c.id = d.address_change_id
            join address_change_recipients r on r.id = d.recipient_id
            where d.outbox_message_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = outboxMessageId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new InvalidOperationException($"outbox message {outboxMessageId} carries no address change delivery");
        }

        var keyId = reader.GetString(7);
        string Open(int column) => protector.Decrypt(reader.GetFieldValue<byte[]>(column), keyId);
        var payload = new Payload(
            reader.GetGuid(0), reader.GetString(1), reader.GetString(2), Open(3), Open(4), Open(5), reader.IsDBNull(6) ? null : Open(6),
            reader.GetFieldValue<DateOnly>(8), reader.GetFieldValue<DateTimeOffset>(9));
        var secret = reader.IsDBNull(10) ? null : protector.Decrypt(reader.GetFieldValue<byte[]>(10), reader.IsDBNull(11) ? null : reader.GetString(11));
        return (payload, secret);
    }

    private static string EmailText(Payload p) => new StringBuilder()
        .AppendLine("주소변경 통지 (Change of address)")
        .AppendLine()
        .Append("접수번호 (Receipt): ").AppendLine(p.AddressChange)
        .Append("통지번호 (Delivery id): ").AppendLine(p.DeliveryId.ToString())
        .Append("성명 (Name): ").AppendLine(p.Name)
        .Append("이전 주소 (Previous address): ").AppendLine(p.PreviousAddress)
        .Append("새 주소 (New address): ").AppendLine(p.NewAddress)
        .Append("전입일 (Moved on): ").AppendLine(p.MovedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        .AppendLine()
        .AppendLine("민원인이 동의하여 보내는 통지입니다. (Sent with the citizen's consent.)")
        .ToString();

    public void Dispose() => _http.Dispose();
}
