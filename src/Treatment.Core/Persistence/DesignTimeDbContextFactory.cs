using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Treatment.Core.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the context without the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<TreatmentDbContext>
{
    public TreatmentDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("TREATMENT_DB")
            ?? "Host=127.0.0.1;Port=55432;Database=treatment_design;Username=postgres";
        var options = new DbContextOptionsBuilder<TreatmentDbContext>();
        TreatmentDatabase.Configure(options, connectionString);
        return new TreatmentDbContext(options.Options);
    }
}
