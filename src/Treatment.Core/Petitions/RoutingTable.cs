using YamlDotNet.Serialization;

namespace Treatment.Core.Petitions;

/// <summary>
/// Affair-code prefix → department code, from workflows/standards/routing.yaml: the department a legal petition goes
/// to (Act §36: the treatment standard names who handles the affair). Data, so an agency can change it without a build.
/// </summary>
public sealed class RoutingTable
{
    private readonly KeyValuePair<string, string>[] _byPrefix;

    public RoutingTable(IReadOnlyDictionary<string, string> departmentsByPrefix) =>
        _byPrefix = departmentsByPrefix.OrderByDescending(p => p.Key.Length).ToArray();

    public static RoutingTable Empty { get; } = new(new Dictionary<string, string>());

    /// <summary>Loads standards/routing.yaml under the workflows folder; a missing file means every petition goes to the petitions office.</summary>
    public static RoutingTable Load(string workflowsFolder)
    {
        var path = Path.Combine(workflowsFolder, "standards", "routing.yaml");
        if (!File.Exists(path))
        {
            return Empty;
        }

        try
        {
            var file = new DeserializerBuilder().Build().Deserialize<RoutingFile>(File.ReadAllText(path));
            return new RoutingTable(file?.Departments ?? new Dictionary<string, string>());
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InvalidDataException($"{path}:{ex.Start.Line}: {ex.Message}", ex);
        }
    }

    /// <summary>The department code for an affair, or null for the petitions office.</summary>
    public string? DepartmentCodeFor(string? affairCode) =>
        affairCode is null ? null : _byPrefix.FirstOrDefault(p => affairCode.StartsWith(p.Key, StringComparison.OrdinalIgnoreCase)).Value;

    private sealed class RoutingFile
    {
        [YamlMember(Alias = "departments")]
        public Dictionary<string, string>? Departments { get; set; }
    }
}
