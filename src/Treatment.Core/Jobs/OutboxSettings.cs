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

    /// <summary>After this many failed attempts a message is dead-lettered: admins are told and may resend it.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Wait after the first failure; each further failure doubles it (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a delivery holds the messages it claimed; a crashed delivery's messages are claimable after it.</summary>
    public TimeSpan ClaimFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Connect, send and reply timeout of one SMTP exchange.</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Right-hand side of the Message-ID a receiver de-duplicates on.</summary>
    public string MessageIdDomain { get; set; } = "treatment.local";

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    public bool SmtpSsl { get; set; } = true;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    [Required, EmailAddress]
    public string From { get; set; } = "no-reply@treatment.local";
}
