using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Treatment.Web.Tests.Foundation;

/// <summary>A bad value in any settings section stops the host's start, and the message names the setting.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Treatment:JobWorkers", "0")]
    [InlineData("Treatment:InboxReadConnections", "0")]
    [InlineData("Treatment:DemoPetitionCount", "-1")]
    [InlineData("Treatment:Role", "Sideways")]
    [InlineData("Treatment:PersonalDataKey", "c2hvcnQ=")]
    [InlineData("Treatment:Jobs:QueuePollInterval", "00:00:00")]
    [InlineData("Treatment:Jobs:SchedulePollingInterval", "not-a-time")]
    [InlineData("Treatment:Jobs:PoolHeadroom", "-1")]
    [InlineData("Treatment:Jobs:TimeZone", "Mars/Olympus_Mons")]
    [InlineData("Treatment:Jobs:Sweep:BatchSize", "0")]
    [InlineData("Treatment:Jobs:Sweep:MaxBatchesPerRun", "0")]
    [InlineData("Treatment:Jobs:Sweep:FanOutJobs", "1000")]
    [InlineData("Treatment:Jobs:Outbox:Sender", "pigeon")]
    [InlineData("Treatment:Jobs:Outbox:MaxAttempts", "0")]
    [InlineData("Treatment:Jobs:Outbox:BatchSize", "0")]
    [InlineData("Treatment:Jobs:Outbox:SmtpPort", "70000")]
    [InlineData("Treatment:Jobs:Outbox:From", "not-an-address")]
    public void Start_BadSetting_StopsNamingTheSetting(string setting, string value)
    {
        using var host = new HostWith(setting, value);

        var ex = Assert.ThrowsAny<Exception>(() => host.Services);

        var messages = string.Join(" | ", Chain(ex).Select(e => e.Message));
        Assert.Contains(setting, messages, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_AllSettingsGood_NoValidationError()
    {
        // The same host with a good value gets past validation and fails only on the unreachable database.
        using var host = new HostWith("Treatment:JobWorkers", "2");

        var ex = Assert.ThrowsAny<Exception>(() => host.Services);

        Assert.DoesNotContain(Chain(ex), e => e is Microsoft.Extensions.Options.OptionsValidationException);
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException a)
            {
                foreach (var inner in a.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The real host with one setting changed, over a database that does not exist (validation comes first).</summary>
    private sealed class HostWith(string setting, string value) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Treatment:Database", "Host=127.0.0.1;Port=1;Database=no_such_database;Timeout=1");
            builder.UseSetting("Treatment:Role", "Web");
            builder.UseSetting("Treatment:PersonalDataKey", Convert.ToBase64String(new byte[32]));
            builder.UseSetting(setting, value);
        }
    }
}
