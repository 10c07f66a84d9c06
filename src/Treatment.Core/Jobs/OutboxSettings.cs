using System.ComponentModel.DataAnnotations;

namespace Treatment.Core.Jobs;

/// <summary>How outbox messages leave the system (section "Treatment:Jobs:Outbox").</summary>
public sealed class OutboxSettings
{
    /// <summary>"log" (default: the log, plus a file per message when <see cref="Folder"/> is set) or "smtp".</summary>
    [RegularExpression("(?i)^(log|smtp)$", ErrorMessage = "must be log or smtp")]
    public string Sender { get; set; } = "log";

    /// <summary>Folder for the log sender's .eml files; none when empty.</summary>
    public string? Folder { get; set; }

    /// <summary>Messages per delivery transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>A message that failed this many times is left for a person to look at (last_error says why).</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    public bool SmtpSsl { get; set; } = true;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    [Required, EmailAddress]
    public string From { get; set; } = "no-reply@treatment.local";
}
