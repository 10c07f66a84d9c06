namespace Treatment.Web.Tests.Reports;

/// <summary>
/// Tests over the report data set. They run alone (not beside other collections) because the CLI tests point the
/// process environment's TREATMENT_DB at this database while they run.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReportDatabaseCollection : ICollectionFixture<ReportDatabase>
{
    public const string Name = "report-database";
}
