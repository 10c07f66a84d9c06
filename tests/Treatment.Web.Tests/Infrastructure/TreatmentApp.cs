using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Treatment.Core.Persistence;

namespace Treatment.Web.Tests.Infrastructure;

/// <summary>
/// The real host (all of Program.cs) over a fresh PostgreSQL database with the demo organisation seeded.
/// Time is a FakeTimeProvider the tests move. One instance per test collection.
/// </summary>
public sealed class TreatmentApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 7, 7, 1, 0, 0, TimeSpan.Zero));

    /// <summary>Role the host runs in; "Web" keeps the Hangfire server out of tests that do not need it.</summary>
    public string Role { get; init; } = "Web";

    /// <summary>Extra settings of this host (e.g. Treatment:PublicUrl, Treatment:Faults:…).</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>Another node's database to join instead of creating one (two web nodes on one database).</summary>
    public string? JoinDatabase { get; init; }

    /// <summary>Server to create the database on (a throwaway cluster of a fault test); TREATMENT_DB's when null.</summary>
    public string? DatabaseServer { get; init; }

    public async Task InitializeAsync()
    {
        ConnectionString = JoinDatabase ?? await TestDatabase.CreateAsync("app", DatabaseServer);
        _ = Services; // builds the host: migrations and the demo seed run now
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (JoinDatabase is null)
        {
            await TestDatabase.DropAsync(ConnectionString, DatabaseServer);
        }
    }

    public TreatmentDbContext CreateDbContext() =>
        Services.CreateScope().ServiceProvider.GetRequiredService<TreatmentDbContext>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Treatment:Database", ConnectionString);
        builder.UseSetting("Treatment:Role", Role);
        builder.UseSetting("Treatment:SeedDemoData", "true");
        builder.UseSetting("Treatment:PersonalDataKey", Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 3)).ToArray()));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Treatment:Database"] = ConnectionString }));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, LoopbackClientAddress>();
        });
    }
}
