extern alias web;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Treatment.Benchmarks;

// The host's Program is reached through an alias: this project has its own top-level Program.
/// <summary>The real host (Program.cs, role web) over the bench database, with the demo organisation seeded, served in memory.</summary>
public sealed class BenchHost : WebApplicationFactory<web::Program>
{
    private readonly string connectionString;

    public BenchHost(string connectionString)
    {
        this.connectionString = connectionString;

        // The aliased project reference gets no content-root attribute; WebApplicationFactory reads this variable instead.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TREATMENT_WEB", Path.Combine(RepositoryRoot(), "src", "Treatment.Web"));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Treatment:Database", connectionString);
        builder.UseSetting("Treatment:Role", "Web");
        builder.UseSetting("Treatment:SeedDemoData", "true");
        builder.UseSetting("Treatment:PersonalDataKey", Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 11 + 5)).ToArray()));
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Treatment:Database"] = connectionString }));
        builder.UseSetting("Logging:Console:LogToStandardErrorThreshold", "Trace"); // stdout carries only the bench table
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Treatment.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Treatment.sln not found above " + AppContext.BaseDirectory);
    }
}
