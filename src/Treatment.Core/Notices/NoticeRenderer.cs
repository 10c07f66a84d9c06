using System.Globalization;
using System.Net;
using System.Text;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Treatment.Core.Notices;

/// <summary>
/// The notice templates (templates/notices/&lt;name&gt;.&lt;ko|en&gt;.sbn), parsed once at start-up with strict variables:
/// a template that does not parse, or reads a name the model does not have, stops start-up naming file and line.
/// Text comes from the template as written; HTML from the same template over HTML-encoded values, so text a citizen
/// typed (markup, script) stays inert.
/// </summary>
public sealed class NoticeRenderer
{
    public static readonly IReadOnlyList<string> Languages = ["ko", "en"];

    private readonly Dictionary<(string Name, string Language), (Template Template, string File)> _templates = [];

    private NoticeRenderer()
    {
    }

    public IEnumerable<string> Names => _templates.Keys.Select(k => k.Name).Distinct().Order(StringComparer.Ordinal);

    /// <summary>Loads and checks every notice template under <paramref name="templatesFolder"/>/notices.</summary>
    public static NoticeRenderer Load(string templatesFolder)
    {
        var renderer = new NoticeRenderer();
        var errors = new List<string>();
        var folder = Path.Combine(templatesFolder, "notices");
        foreach (var file in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.sbn").Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
        {
            var fileName = Path.GetFileName(file);
            var parts = fileName.Split('.');
            var display = Path.Combine("templates", "notices", fileName);
            if (parts.Length != 3 || !Languages.Contains(parts[1]))
            {
                errors.Add($"{display}:1: a notice template is named <name>.ko.sbn or <name>.en.sbn");
                continue;
            }

            var template = Template.Parse(File.ReadAllText(file, Encoding.UTF8), display);
            if (template.HasErrors)
            {
                errors.AddRange(template.Messages.Select(m => $"{display}:{m.Span.Start.Line + 1}: {m.Message}"));
                continue;
            }

            renderer._templates[("notices/" + parts[0], parts[1])] = (template, display);
        }

        foreach (var name in renderer.Names)
        {
            foreach (var language in Languages)
            {
                if (!renderer._templates.ContainsKey((name, language)))
                {
                    errors.Add($"templates/{name}.{language}.sbn:0: missing ({language} variant of {name})");
                    continue;
                }

                try
                {
                    renderer.Render(name, language, NoticeModel.Sample(language), "SAMPLE-CODE");
                }
                catch (NoticeTemplateException ex)
                {
                    errors.Add(ex.Message);
                }
            }
        }

        return errors.Count == 0 ? renderer : throw new NoticeTemplateException("notice templates have errors:\n" + string.Join("\n", errors));
    }

    public bool Has(string name) => _templates.ContainsKey((name, "ko"));

    /// <summary>Renders one notice in one language; the verification code ends both forms.</summary>
    public RenderedNotice Render(string name, string language, NoticeModel model, string verificationCode)
    {
        if (!_templates.TryGetValue((name, language), out var entry))
        {
            throw new NoticeTemplateException($"templates/{name}.{language}.sbn:0: no such notice template");
        }

        var text = RenderWith(entry, model, encode: false).TrimEnd() + "\n\n" + VerificationLine(language, verificationCode) + "\n";
        var encoded = RenderWith(entry, model, encode: true);
        return new RenderedNotice(ToHtml(encoded, language, verificationCode), text);
    }

    private static string VerificationLine(string language, string code) =>
        language == "ko" ? $"문서확인번호: {code}" : $"Verification code: {code}";

    private static string RenderWith((Template Template, string File) entry, NoticeModel model, bool encode)
    {
        var globals = new ScriptObject();
        foreach (var (section, values) in model.Sections)
        {
            var obj = new ScriptObject();
            foreach (var (key, value) in values)
            {
                obj[key] = Format(value, encode);
            }

            globals[section] = obj;
        }

        var context = TemplateBuiltins.Context(loopLimit: 1000);
        context.PushGlobal(globals);
        try
        {
            return entry.Template.Render(context).ReplaceLineEndings("\n");
        }
        catch (ScriptRuntimeException ex)
        {
            throw new NoticeTemplateException($"{entry.File}:{ex.Span.Start.Line + 1}: {ex.OriginalMessage}");
        }
    }

    private static object? Format(object? value, bool encode) => value switch
    {
        null => null,
        string s => encode ? WebUtility.HtmlEncode(s) : s,
        bool b => b,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => encode ? WebUtility.HtmlEncode(value.ToString()) : value.ToString(),
    };

    /// <summary>
    /// Lays the rendered text out as HTML: the first line is the heading, lines starting with "- " a list, other
    /// non-empty lines paragraphs. Values were encoded before rendering and the template text is ours.
    /// </summary>
    private static string ToHtml(string encodedText, string language, string code)
    {
        var lines = encodedText.TrimEnd().Split('\n');
        var html = new StringBuilder();
        html.Append("<article class=\"notice\" lang=\"").Append(language).Append("\">\n");
        var inList = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (i == 0)
            {
                html.Append("<h1>").Append(line).Append("</h1>\n");
                continue;
            }

            var item = line.StartsWith("- ", StringComparison.Ordinal);
            if (inList && !item)
            {
                html.Append("</ul>\n");
                inList = false;
            }

            if (item)
            {
                if (!inList)
                {
                    html.Append("<ul>\n");
                    inList = true;
                }

                html.Append("<li>").Append(line[2..]).Append("</li>\n");
            }
            else if (line.Length > 0)
            {
                html.Append("<p>").Append(line).Append("</p>\n");
            }
        }

        if (inList)
        {
            html.Append("</ul>\n");
        }

        html.Append("<footer>").Append(WebUtility.HtmlEncode(VerificationLine(language, code))).Append("</footer>\n</article>\n");
        return html.ToString();
    }
}
