namespace Treatment.Web.BackOffice;

/// <summary>
/// Makes a Stateless Mermaid diagram readable in the browser: transition labels keep the trigger and drop the guard
/// descriptions Stateless appends in brackets (long Korean sentences with colons, which the Mermaid grammar also reads
/// as syntax). The full source stays on the page under "Mermaid source".
/// </summary>
public static class MermaidText
{
    public static string ForBrowser(string diagram)
    {
        var lines = diagram.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var split = line.IndexOf(" : ", StringComparison.Ordinal);
            if (split < 0 || !line.Contains("-->", StringComparison.Ordinal))
            {
                continue;
            }

            var label = line[(split + 3)..];
            var guards = label.IndexOf(" [", StringComparison.Ordinal);
            label = (guards > 0 ? label[..guards] + " †" : label).Replace(":", "：", StringComparison.Ordinal).Replace(";", "；", StringComparison.Ordinal)
                .Replace("#", "＃", StringComparison.Ordinal);
            lines[i] = line[..(split + 3)] + label;
        }

        return string.Join('\n', lines);
    }
}
