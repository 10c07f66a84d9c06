using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Treatment.Core.Workflows.Effects;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Treatment.Core.Workflows;

/// <summary>
/// Reads the companion of a definition, workflows/&lt;id&gt;/v&lt;N&gt;.effects.yaml: per trigger its named effects and
/// its decision, and which notice is the result notice. A published definition never changes, so what its triggers do
/// beyond state and clock is declared beside it; errors name the companion's file and line.
/// </summary>
internal static class WorkflowEffectsFile
{
    public const string Suffix = ".effects.yaml";

    public static string PathFor(string definitionPath) => Path.ChangeExtension(definitionPath, null) + Suffix;

    /// <summary>Companions whose definition file is missing.</summary>
    public static IEnumerable<WorkflowError> Orphans(string workflowsFolder, string root)
    {
        if (!Directory.Exists(workflowsFolder))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateDirectories(workflowsFolder).SelectMany(d => Directory.EnumerateFiles(d, "*" + Suffix)).Order(StringComparer.Ordinal))
        {
            var definition = file[..^Suffix.Length] + ".yaml";
            if (!File.Exists(definition))
            {
                yield return new WorkflowError(Display(file, root), 1, Path.GetFileName(file), $"no definition '{Path.GetFileName(definition)}' beside this effects file");
            }
        }
    }

    private static string Display(string file, string root) => Path.GetRelativePath(root, file).Replace('\\', '/');

    public static WorkflowDefinition Merge(WorkflowDefinition definition, string definitionPath, string definitionDisplay, EffectRegistry registry, List<WorkflowError> errors)
    {
        var path = PathFor(definitionPath);
        if (!File.Exists(path))
        {
            return definition;
        }

        var display = definitionDisplay[..^Path.GetFileName(definitionPath).Length] + Path.GetFileName(path);
        var bytes = File.ReadAllBytes(path);
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(new UTF8Encoding(false, true).GetString(bytes));
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            errors.Add(new WorkflowError(display, (int)ex.Start.Line, Path.GetFileName(path), $"not valid YAML: {ex.Message}"));
            return definition;
        }
        catch (DecoderFallbackException)
        {
            errors.Add(new WorkflowError(display, 1, Path.GetFileName(path), "not UTF-8"));
            return definition;
        }

        if (stream.Documents.Count != 1 || YamlMap.From(stream.Documents[0].RootNode, display, errors, "document") is not { } doc)
        {
            errors.Add(new WorkflowError(display, 1, Path.GetFileName(path), "an effects file holds exactly one mapping"));
            return definition;
        }

        var before = errors.Count;
        void Error(int line, string name, string message) => errors.Add(new WorkflowError(display, line, name, message));

        var (id, idLine) = doc.Scalar("id", true);
        if (id is not null && id != definition.Id)
        {
            Error(idLine, id, $"id '{id}' does not match its definition '{definition.Id}'");
        }

        var version = doc.Int("version", true);
        if (version is not null && version != definition.Version)
        {
            Error(doc.Scalar("version", false).Line, $"v{version}", $"version {version} does not match its definition v{definition.Version}");
        }

        var (resultNotice, noticeLine) = doc.Scalar("resultNotice", false);
        if (resultNotice is not null && !definition.Transitions.Any(t => t.Notices.Contains(resultNotice)))
        {
            Error(noticeLine, resultNotice, $"result notice '{resultNotice}' is sent by no transition of {definition.Id} v{definition.Version}");
        }

        var effects = new Dictionary<string, ImmutableArray<TriggerEffect>>(StringComparer.Ordinal);
        var decisions = new Dictionary<string, DecisionOutcome>(StringComparer.Ordinal);
        foreach (var (trigger, line, map) in doc.Entries("triggers"))
        {
            var transitions = definition.Transitions.Where(t => t.Trigger == trigger).ToList();
            if (transitions.Count == 0)
            {
                Error(line, trigger, $"unknown trigger '{trigger}' (not in {definition.Id} v{definition.Version})");
            }

            var named = new List<TriggerEffect>();
            foreach (var (name, effectLine) in map.Names("effects"))
            {
                if (!registry.TryGet(name, out var effect))
                {
                    Error(effectLine, name, $"unknown effect '{name}' (one of {string.Join(", ", registry.Names)})");
                }
                else if (named.Contains(effect))
                {
                    Error(effectLine, name, $"effect '{name}' is named twice for '{trigger}'");
                }
                else
                {
                    named.Add(effect);
                    foreach (var input in effect.RequiredInputs.Where(i => transitions.Any(t => !t.Inputs.Contains(i))))
                    {
                        Error(effectLine, name, $"effect '{name}' needs the input '{input}' on trigger '{trigger}'");
                    }

                    foreach (var limit in effect.RequiredLimits.Where(l => !definition.Limits.ContainsKey(l)))
                    {
                        Error(effectLine, name, $"effect '{name}' needs the limit '{limit}' in {definition.Id} v{definition.Version}");
                    }
                }
            }

            var (decision, decisionLine) = map.Scalar("decision", false);
            if (decision is not null)
            {
                if (DecisionOutcomes.Parse(decision) is { } outcome)
                {
                    decisions[trigger] = outcome;
                }
                else
                {
                    Error(decisionLine, decision, $"unknown decision '{decision}' (one of {string.Join(", ", DecisionOutcomes.All.Select(o => o.Name()))})");
                }
            }

            map.RejectUnknownKeys();
            effects[trigger] = [.. named];
        }

        doc.RejectUnknownKeys();
        if (errors.Count != before)
        {
            return definition;
        }

        return definition with
        {
            Transitions = [.. definition.Transitions.Select(t => t with
            {
                Effects = effects.GetValueOrDefault(t.Trigger, []),
                Decision = decisions.TryGetValue(t.Trigger, out var d) ? d : null,
            })],
            ResultNotice = resultNotice,
            EffectsHash = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        };
    }
}
