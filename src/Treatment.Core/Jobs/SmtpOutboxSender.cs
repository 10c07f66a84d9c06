using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Treatment.Core.Jobs;

/// <summary>
/// Sends email messages through the SMTP server named in the settings (MailKit), each with the stable Message-ID of
/// <see cref="OutboxBackoff.MessageId"/> so a receiver can drop a repeat.
/// </summary>
public sealed class SmtpOutboxSender(OutboxSettings settings) : IOutboxSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var host = settings.SmtpHost is { Length: > 0 } h ? h : throw new InvalidOperationException("Treatment:Jobs:Outbox:SmtpHost is not set");
        using var mail = new MimeMessage
        {
            MessageId = OutboxBackoff.MessageId(message, settings),
            Subject = message.Subject,
            Body = new TextPart("plain") { Text = message.Body },
        };
        mail.From.Add(MailboxAddress.Parse(settings.From));
        mail.To.Add(MailboxAddress.Parse(message.Recipient));

        using var client = new SmtpClient { Timeout = (int)settings.SmtpTimeout.TotalMilliseconds };
        var security = !settings.SmtpSsl ? SecureSocketOptions.None
            : settings.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(host, settings.SmtpPort, security, cancellationToken);
        if (settings.SmtpUser is { Length: > 0 } user)
        {
            await client.AuthenticateAsync(user, settings.SmtpPassword ?? "", cancellationToken);
        }

        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
