using Treatment.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddTreatment();

var app = builder.Build();
await app.InitializeTreatmentDatabaseAsync();
app.UseTreatment();
app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
