using YamlDotNet.RepresentationModel;

namespace Treatment.Core.Tests.Workflows;

/// <summary>
/// A copy of the repository's workflows folder in which every trigger of every definition and effects file has a new
/// name (transitions, milestones' until, the effects files' keys): code that spelled a trigger's name would notice.
/// </summary>
public sealed class RenamedTriggers : IDisposable
{
    public RenamedTriggers(string workflowsFolder)
    {
        Root = Path.Combine(Path.GetTempPath(), "renamed-triggers-" + Guid.NewGuid().ToString("N"));
        Folder = Path.Combine(Root, "workflows");
        Copy(workflowsFolder, Folder);
        var names = Directory.EnumerateFiles(Folder, "v*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".effects.yaml", StringComparison.Ordinal))
            .SelectMany(f => Load(f)["transitions"] is YamlSequenceNode transitions
                ? transitions.Children.OfType<YamlMappingNode>().Select(t => ((YamlScalarNode)t["trigger"]).Value!)
                : [])
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Map = names.Select((n, i) => (n, $"step-{i + 1}-x")).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Folder, "v*.yaml", SearchOption.AllDirectories))
        {
            var doc = Load(file);
            if (file.EndsWith(".effects.yaml", StringComparison.Ordinal))
            {
                var triggers = (YamlMappingNode)doc["triggers"];
                var renamed = new YamlMappingNode();
                foreach (var (key, value) in triggers.Children)
                {
                    renamed.Add(Map[((YamlScalarNode)key).Value!], value);
                }

                doc.Children[new YamlScalarNode("triggers")] = renamed;
            }
            else
            {
                foreach (var transition in ((YamlSequenceNode)doc["transitions"]).Children.OfType<YamlMappingNode>())
                {
                    transition.Children[new YamlScalarNode("trigger")] = new YamlScalarNode(Map[((YamlScalarNode)transition["trigger"]).Value!]);
                }

                if (doc.Children.TryGetValue(new YamlScalarNode("milestones"), out var milestones))
                {
                    foreach (var milestone in ((YamlSequenceNode)milestones).Children.OfType<YamlMappingNode>())
                    {
                        if (milestone.Children.TryGetValue(new YamlScalarNode("until"), out var until))
                        {
                            milestone.Children[new YamlScalarNode("until")] = new YamlSequenceNode(((YamlSequenceNode)until).Children.Select(u => (YamlNode)new YamlScalarNode(Map[((YamlScalarNode)u).Value!])));
                        }
                    }
                }
            }

            using var writer = new StreamWriter(file);
            new YamlStream(new YamlDocument(doc)).Save(writer, assignAnchors: false);
        }
    }

    public string Root { get; }

    /// <summary>The copied workflows folder.</summary>
    public string Folder { get; }

    /// <summary>Original trigger name → new name.</summary>
    public IReadOnlyDictionary<string, string> Map { get; }

    public string Renamed(string? trigger) => trigger is null ? "" : Map[trigger];

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
