using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Treatment.Core.Notices;

namespace Treatment.Core.Jobs;

/// <summary>
/// Sends a short message (SMS, or a KakaoTalk 알림톡 with SMS as its fallback) through a message gateway; throws when
/// the gateway did not accept it. A real gateway (a contracted SMS/알림톡 provider) replaces the default file sender.
/// </summary>
public interface IShortMessageSender
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// The default short-message and print sender: writes each message to the log and, when the outbox folder is set, to a
/// file per message there (sms-…, alimtalk-…, print-…), overwritten when delivered twice, never duplicated.
/// </summary>
public sealed class FileMessageSender(OutboxSettings settings, ILogger<FileMessageSender> logger) : IShortMessageSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        logger.LogInformation("Outbox {Id} ({Kind}) to {Recipient}: {Subject}", message.Id, message.Kind, message.Recipient, message.Subject);
        if (settings.Folder is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{message.Kind}-{message.Id:D10}.txt"));
        var text = new StringBuilder().Append("To: ").AppendLine(message.Recipient).AppendLine().AppendLine(message.Body).ToString();
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), cancellationToken);
    }
}

/// <summary>
/// Sends each outbox message by its kind: e-mail through the mail sender the settings name (MailKit SMTP or the log),
/// SMS and 알림톡 through the short-message sender, printed letters to the print queue (the file sender), address
/// changes as signed webhooks or e-mail (decision 021).
/// </summary>
public sealed class ChannelOutboxSender(IOutboxSender mail, IShortMessageSender messages, FileMessageSender print, AddressChanges.AddressChangeSender? addressChanges = null) : IOutboxSender
{
    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) => message.Kind switch
    {
        _ when addressChanges is not null && AddressChanges.AddressChangeSender.Handles(message.Kind) => addressChanges.SendAsync(message, mail, cancellationToken),
        NoticeChannels.Sms or NoticeChannels.AlimTalk => messages.SendAsync(message, cancellationToken),
        NoticeChannels.PrintKind => print.SendAsync(message, cancellationToken),
        _ => mail.SendAsync(message, cancellationToken),
    };
}
