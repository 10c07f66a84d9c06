using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Treatment.Core.Persistence;

namespace Treatment.Core.Tests.Foundation;

public sealed class TreatmentDatabaseTests
{
    [Fact]
    public void CreateDataSource_ConnectionStringSilent_SkipsTheResetAndPreparesRepeatedStatements()
    {
        using var dataSource = TreatmentDatabase.CreateDataSource("Host=127.0.0.1;Database=treatment");

        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal(64, settings.MaxAutoPrepare);
        Assert.Equal(2, settings.AutoPrepareMinUsages);
    }

    [Fact]
    public void CreateDataSource_ConnectionStringSaysOtherwise_KeepsWhatItSays()
    {
        using var dataSource = TreatmentDatabase.CreateDataSource("Host=127.0.0.1;Database=treatment;No Reset On Close=false;Max Auto Prepare=0");

        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        Assert.False(settings.NoResetOnClose);
        Assert.Equal(0, settings.MaxAutoPrepare);
    }

    [Fact]
    public void CreateInboxReadDataSource_NoCountGiven_TheProcessorCountWithTheProductDefaults()
    {
        using var dataSource = TreatmentDatabase.CreateInboxReadDataSource("Host=127.0.0.1;Database=treatment;Maximum Pool Size=100");

        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        Assert.Equal(Environment.ProcessorCount, settings.MaxPoolSize);
        Assert.True(settings.NoResetOnClose);
    }

    [Fact]
    public void CreateInboxReadDataSource_CountGiven_UsesIt()
    {
        using var dataSource = TreatmentDatabase.CreateInboxReadDataSource("Host=127.0.0.1;Database=treatment", connections: 7);

        Assert.Equal(7, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxPoolSize);
    }

    [Fact]
    public void ConfigureInboxReads_InboxDataSource_SkipsTheConcurrentUseCheckOnlyThere()
    {
        using var dataSource = TreatmentDatabase.CreateInboxReadDataSource("Host=127.0.0.1;Database=treatment");
        var inbox = new DbContextOptionsBuilder<TreatmentDbContext>();
        var ordinary = new DbContextOptionsBuilder<TreatmentDbContext>();

        TreatmentDatabase.ConfigureInboxReads(inbox, dataSource);
        TreatmentDatabase.Configure(ordinary, dataSource);

        Assert.False(inbox.Options.FindExtension<CoreOptionsExtension>()!.ThreadSafetyChecksEnabled);
        Assert.True(ordinary.Options.FindExtension<CoreOptionsExtension>()?.ThreadSafetyChecksEnabled ?? true);
    }
}
