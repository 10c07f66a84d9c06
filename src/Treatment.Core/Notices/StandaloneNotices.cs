using YamlDotNet.RepresentationModel;

namespace Treatment.Core.Notices;

/// <summary>
/// The notices no workflow trigger sends, from workflows/standards/notices.yaml: the template a many-person merge and a
/// committee hearing issue. Data, so the code spells no notice name (the workflow files own that vocabulary).
/// </summary>
public sealed record StandaloneNotices(string MergedIntoGroup, string CommitteeHearing)
{
    public const string FileName = "notices.yaml";

    /// <summary>Loads the file; a missing file, key or template stops start-up naming the file and line.</summary>
    public static StandaloneNotices Load(string workflowsFolder, string templatesFolder)
    {
        var path = Path.Combine(workflowsFolder, "standards", FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: missing (the notices sent outside the workflows are named in it)");
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(File.ReadAllText(path));
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InvalidDataException($"{path}:{ex.Start.Line}: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidDataException($"{path}:1: a mapping of notice roles to template names is required");
        }

        string Template(string key)
        {
            if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node) || node is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                throw new InvalidDataException($"{path}:{root.Start.Line}: '{key}' is required (a template name such as notices/{key})");
            }

            foreach (var language in NoticeRenderer.Languages)
            {
                if (!File.Exists(Path.Combine(templatesFolder, $"{name}.{language}.sbn")))
                {
                    throw new InvalidDataException($"{path}:{node.Start.Line}: '{key}' names {name}, but {name}.{language}.sbn is not in {templatesFolder}");
                }
            }

            return name;
        }

        return new StandaloneNotices(Template("merged-into-group"), Template("committee-hearing"));
    }
}
