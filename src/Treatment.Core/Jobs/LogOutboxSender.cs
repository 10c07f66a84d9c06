using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Treatment.Core.Jobs;

/// <summary>The default sender: writes each message to the log and, when a folder is set, to an .eml file there.</summary>
public sealed class LogOutboxSender(OutboxSettings settings, ILogger<LogOutboxSender> logger) : IOutboxSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        logger.LogInformation("Outbox {Id} ({Kind}) to {Recipient}: {Subject}", message.Id, message.Kind, message.Recipient, message.Subject);
        if (settings.Folder is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var text = new StringBuilder()
            .Append("From: ").AppendLine(settings.From)
            .Append("To: ").AppendLine(message.Recipient)
            .Append("Subject: =?utf-8?B?").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(message.Subject))).AppendLine("?=")
            .AppendLine("Content-Type: text/plain; charset=utf-8")
            .AppendLine()
            .AppendLine(message.Body)
            .ToString();
        // One file per message id: delivering twice overwrites, it never duplicates.
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"outbox-{message.Id:D10}.eml"));
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), cancellationToken);
    }
}
