using System.Text.RegularExpressions;
using Treatment.Core.BackOffice;
using Treatment.Core.Workflows;

namespace Treatment.Web.BackOffice;

/// <summary>
/// Makes a Stateless Mermaid diagram readable in the browser: transition labels keep the trigger and drop the guard
/// descriptions Stateless appends in brackets (long Korean sentences with colons, which the Mermaid grammar also reads
/// as syntax). Given the definition, states and triggers are shown by their titles in the page's language. The full
/// source stays on the page under "Mermaid source".
/// </summary>
public static partial class MermaidText
{
    public static string ForBrowser(string diagram, WorkflowDefinition? definition = null)
    {
        var lines = diagram.Split('\n').ToList();
        var named = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var split = line.IndexOf(" : ", StringComparison.Ordinal);
            if (split < 0)
            {
                continue;
            }

            if (!line.Contains("-->", StringComparison.Ordinal))
            {
                // Stateless declares "id : name" for a state whose name it had to sanitize; the title replaces the name.
                var id = line[..split].Trim();
                if (definition?.FindState(line[(split + 3)..].Trim()) is { } declared && SafeId().IsMatch(id))
                {
                    lines[i] = $"\tstate \"{Clean(L.T(declared.Title))}\" as {id}";
                    named.Add(id);
                }

                continue;
            }

            var label = line[(split + 3)..];
            var guards = label.IndexOf(" [", StringComparison.Ordinal);
            var trigger = guards > 0 ? label[..guards] : label;
            var title = definition is null ? trigger : L.T(CodeTitles.Trigger(definition, trigger.Trim()));
            lines[i] = line[..(split + 3)] + Clean(title) + (guards > 0 ? " †" : "");
        }

        if (definition is not null)
        {
            // States whose name is already a valid id get their title declared right after the header.
            var declarations = definition.States
                .Where(s => !named.Contains(s.Name) && SafeId().IsMatch(s.Name) && lines.Any(l => Mentions(l, s.Name)))
                .Select(s => $"\tstate \"{Clean(L.T(s.Title))}\" as {s.Name}");
            lines.InsertRange(Math.Min(1, lines.Count), declarations);
        }

        return string.Join('\n', lines);
    }

    private static bool Mentions(string line, string id) =>
        line.Contains("-->", StringComparison.Ordinal) && line.Split(" : ", 2)[0].Split("-->").Any(part => part.Trim() == id);

    /// <summary>Characters the Mermaid grammar reads as syntax become their full-width forms.</summary>
    private static string Clean(string text) =>
        text.Replace("\"", "'", StringComparison.Ordinal).Replace(":", "：", StringComparison.Ordinal).Replace(";", "；", StringComparison.Ordinal)
            .Replace("#", "＃", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SafeId();
}
