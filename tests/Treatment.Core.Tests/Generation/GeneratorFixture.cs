using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Generation;
using Treatment.Core.Hosting;
using Treatment.Core.Workflows;

namespace Treatment.Core.Tests.Generation;

/// <summary>The repository's workflows, calendar and affairs catalogue, loaded once for the generator tests.</summary>
public sealed class GeneratorFixture
{
    public GeneratorFixture()
    {
        var workflows = RepositoryFolders.FindUpward("workflows", AppContext.BaseDirectory)!;
        Catalog = WorkflowCatalog.LoadOrThrow(workflows, Path.Combine(Path.GetDirectoryName(workflows)!, "templates"));
        Clock = new DeadlineCalculator(HolidayCalendarLoader.LoadFolder(Path.Combine(workflows, "calendar")));
        var affairs = AffairsCatalogImporter.Load(Path.Combine(workflows, "standards")).Affairs
            .Where(a => a.PeriodUnit is not null && !a.Code.StartsWith("PET-", StringComparison.Ordinal))
            .Where(a => a.PeriodUnit == PeriodUnit.Immediate || a.PeriodValue > 0)
            .Select((a, i) => { a.Id = i + 1; return a; })
            .ToList();
        Catalogue = new GenerationCatalogue(
            [new(1, "A", AgencyLevel.Local, 1.0), new(2, "B", AgencyLevel.Local, 0.5), new(3, "C", AgencyLevel.Town, 0.3)],
            affairs);
        Generator = new PetitionGenerator(Catalog, Clock);
    }

    public WorkflowCatalog Catalog { get; }

    public DeadlineCalculator Clock { get; }

    public GenerationCatalogue Catalogue { get; }

    public PetitionGenerator Generator { get; }

    public GeneratedChunk Generate(int seed, int count = 3000, int chunk = 0) =>
        Generator.GenerateChunk(new GenerationOptions(2025, count, seed, GenerationOptions.DefaultHorizon(2025)), Catalogue, chunk, count);
}
