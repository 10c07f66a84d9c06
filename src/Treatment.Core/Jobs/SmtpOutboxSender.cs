using System.Net;
using System.Net.Mail;
using System.Text;

namespace Treatment.Core.Jobs;

/// <summary>Sends email messages through the SMTP server named in the settings.</summary>
public sealed class SmtpOutboxSender(OutboxSettings settings) : IOutboxSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var host = settings.SmtpHost is { Length: > 0 } h ? h : throw new InvalidOperationException("Treatment:Jobs:Outbox:SmtpHost is not set");
        using var client = new SmtpClient(host, settings.SmtpPort) { EnableSsl = settings.SmtpSsl };
        if (settings.SmtpUser is { Length: > 0 } user)
        {
            client.Credentials = new NetworkCredential(user, settings.SmtpPassword);
        }

        using var mail = new MailMessage(settings.From, message.Recipient, message.Subject, message.Body)
        {
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        await client.SendMailAsync(mail, cancellationToken);
    }
}
