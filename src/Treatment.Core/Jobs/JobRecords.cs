namespace Treatment.Core.Jobs;

/// <summary>A milestone applied to a petition; the key (petition, milestone, generation) makes it happen exactly once.</summary>
public sealed class MilestoneFiring
{
    public long PetitionId { get; set; }

    public required string Milestone { get; set; }

    public int ClockGeneration { get; set; }

    public DateTimeOffset FiredAt { get; set; }
}

/// <summary>
/// How outbox ids are given out: blocks of <see cref="Size"/> from the identity sequence of <c>outbox_messages.id</c>,
/// whose increment is that size, so a block and an insert that takes the column default never share an id.
/// </summary>
public static class OutboxIdBlock
{
    public const string SequenceName = "outbox_messages_id_seq";

    public const int Size = 20;
}

/// <summary>An effect that leaves the database (mail, SMS, document), written in the same transaction as its cause.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>email, sms, …</summary>
    public required string Kind { get; set; }

    public required string Recipient { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public long? PetitionId { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>Not tried again before this (back-off after a failure).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>A delivery holds the message until then; after a crash it becomes claimable again.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Set when the attempts ran out: the message waits for an admin to resend it.</summary>
    public DateTimeOffset? DeadAt { get; set; }
}

/// <summary>An in-app notification for one user (reminders, escalations, reassignments).</summary>
public sealed class UserNotification
{
    public long Id { get; set; }

    public Guid UserId { get; set; }

    public long? PetitionId { get; set; }

    public required string Kind { get; set; }

    public required string MessageKo { get; set; }

    public required string MessageEn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>An obligation with its own limit that was not met in time (late routing, transfer, supplementation request, progress notice).</summary>
public sealed class ObligationBreach
{
    public long Id { get; set; }

    public long PetitionId { get; set; }

    public int AgencyId { get; set; }

    public int? DepartmentId { get; set; }

    public required string Obligation { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset DetectedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>The monthly status check of one agency (Decree §22: by the 5th, for the previous month).</summary>
public sealed class MonthlyCheck
{
    public long Id { get; set; }

    public int AgencyId { get; set; }

    public int Year { get; set; }

    public int Month { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }

    /// <summary>The figures as JSON.</summary>
    public required string Content { get; set; }

    /// <summary>When the responsible examiner signed the check off (once); null while unsigned.</summary>
    public DateTimeOffset? SignedAt { get; set; }

    public Guid? SignedById { get; set; }

    public string? SignedByName { get; set; }

    /// <summary>Signed after the 5th of the following month (KST): a breach of Decree §22 of its own, kept with the check.</summary>
    public bool SignedLate { get; set; }
}
