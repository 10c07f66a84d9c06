namespace Treatment.Core.Jobs;

/// <summary>Delivers one outbox message to the world (mail server, file, log). Throws when the delivery failed.</summary>
public interface IOutboxSender
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
