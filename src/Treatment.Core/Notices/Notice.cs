namespace Treatment.Core.Notices;

/// <summary>A notice as issued: rendered once (HTML and text) and never re-rendered; verifiable by its code.</summary>
public sealed class Notice
{
    public long Id { get; set; }

    public long PetitionId { get; set; }

    /// <summary>Template name, e.g. "notices/receipt".</summary>
    public required string Template { get; set; }

    public required string Language { get; set; }

    public required string Html { get; set; }

    public required string Text { get; set; }

    /// <summary>Printed on the notice; lets anyone confirm it was issued by the agency.</summary>
    public required string VerificationCode { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public Guid? IssuedById { get; set; }
}
