namespace Treatment.Core.Reports;

/// <summary>Names of the facts kept in <see cref="PetitionRollup"/>; each is defined in the report appendix.</summary>
public static class RollupMeasures
{
    public const string Received = "received";
    public const string ReceivedByChannel = "received-by-channel";
    public const string ExtensionReason = "extension-reason";
    public const string TransferredIn = "transferred-in";
    public const string TransferredOut = "transferred-out";
    public const string ManyPerson = "many-person";
    public const string Decided = "decided";
    public const string DecidedOnTime = "decided-on-time";
    public const string DecidedLate = "decided-late";
    public const string TreatmentDays = "treatment-days";
    public const string Extension1 = "extension-1";
    public const string Extension2 = "extension-2";
    public const string SupplementRequest = "supplement-request";
    public const string SupplementReRequest = "supplement-re-request";
    public const string SupplementExtended = "supplement-extended";
    public const string Supplemented = "supplemented";
    public const string Returned = "returned";
    public const string DeemedWithdrawn = "deemed-withdrawn";

    /// <summary>A petitioner's correction demand (Decree §18).</summary>
    public const string CorrectionDemand = "correction-demand";

    /// <summary>A notice issued naming the official's unit, name and contact (Decree §31): every notice, one fact each.</summary>
    public const string NoticeNamingOfficial = "notice-naming-official";

    /// <summary>A notice returned undelivered (rulebook §3.2), recorded by an official or a bounce.</summary>
    public const string NoticeReturned = "notice-returned";

    /// <summary>A document not collected within its collection period, closed (Act §27④, Decree §25④).</summary>
    public const string UncollectedClosure = "uncollected-closure";
    public const string Withdrawn = "withdrawn";
    public const string Excluded = "excluded";
    public const string ObjectionFiled = "objection-filed";
    public const string ObjectionExtended = "objection-extended";
    public const string ObjectionUpheld = "objection-upheld";
    public const string ObjectionDismissed = "objection-dismissed";
    public const string ObjectionDecidedOnTime = "objection-decided-on-time";
    public const string RepeatedClosure = "repeated-closure";

    /// <summary>A repeated closure of a petition transferred in from another agency: a duplicate (Act §23②).</summary>
    public const string DuplicateClosure = "duplicate-closure";

    /// <summary>A petition merged into a treated one on receipt (Decree §6⑥), recorded by an official.</summary>
    public const string Merged = "merged";

    /// <summary>A 민원조정위원회 decision recorded on a petition (Act §34, Decree §38).</summary>
    public const string CommitteeReview = "committee-review";
    public const string FieldInvestigation = "field-investigation";
    public const string ExaminerReminder = "examiner-reminder";
    public const string Closed = "closed";
}

/// <summary>The one dimension besides agency, month and kind a fact is kept by.</summary>
public enum RollupDimension
{
    Kind,
    Affair,
    Channel,
}
