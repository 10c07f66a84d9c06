namespace Treatment.Core.Petitions;

/// <summary>The last receipt sequence issued by an agency in a year; bumped by one upsert so two intakes never share a number.</summary>
public sealed class ReceiptCounter
{
    public int AgencyId { get; set; }

    public int Year { get; set; }

    public int LastSequence { get; set; }
}
