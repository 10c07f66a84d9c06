namespace Treatment.Core.Jobs;

/// <summary>How outbox messages leave the system (section "Treatment:Jobs:Outbox").</summary>
public sealed class OutboxSettings
{
    /// <summary>"log" (default: the log, plus a file per message when <see cref="Folder"/> is set) or "smtp".</summary>
    public string Sender { get; set; } = "log";

    /// <summary>Folder for the log sender's .eml files; none when empty.</summary>
    public string? Folder { get; set; }

    /// <summary>Messages per delivery transaction.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>A message that failed this many times is left for a person to look at (last_error says why).</summary>
    public int MaxAttempts { get; set; } = 10;

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public bool SmtpSsl { get; set; } = true;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    public string From { get; set; } = "no-reply@treatment.local";
}
