using Hangfire;
using Hangfire.Common;
using Treatment.Core.Reports;

namespace Treatment.Core.Tests.Reports;

public sealed class YearlyReportJobTests
{
    private sealed class RecordingManager : IRecurringJobManager
    {
        public List<(string Id, Job Job, string Cron, RecurringJobOptions Options)> Added { get; } = [];

        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options) => Added.Add((recurringJobId, job, cronExpression, options));

        public void Trigger(string recurringJobId) => throw new InvalidOperationException("not expected");

        public void RemoveIfExists(string recurringJobId) => throw new InvalidOperationException("not expected");
    }

    [Fact]
    public void Register_RecurringJob_EachSecondOfJanuaryInSeoulForThePreviousYear()
    {
        var manager = new RecordingManager();

        YearlyReportJob.Register(manager);

        var (id, job, cron, options) = Assert.Single(manager.Added);
        Assert.Equal(YearlyReportJob.RecurringJobId, id);
        Assert.Equal("0 6 2 1 *", cron);
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul").BaseUtcOffset, options.TimeZone.BaseUtcOffset);
        Assert.Equal(nameof(YearlyReportJob.RunPreviousYearAsync), job.Method.Name);
        Assert.Equal(typeof(YearlyReportJob), job.Type);
    }
}
