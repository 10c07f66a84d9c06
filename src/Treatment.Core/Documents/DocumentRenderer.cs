using System.Net;
using System.Text;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;
using Treatment.Core.Notices;

namespace Treatment.Core.Documents;

/// <summary>The values a document template reads, grouped as the template names them (document, agency, holder, content).</summary>
public sealed record DocumentModel(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> Sections)
{
    public static DocumentModel Sample() => new(new Dictionary<string, IReadOnlyDictionary<string, string?>>
    {
        ["document"] = new Dictionary<string, string?> { ["title_ko"] = "견본", ["title_en"] = "Sample", ["issue_number"] = "2026-00000001", ["issued_at"] = "2026-01-02 09:00 KST", ["verification_code"] = "ABCD-EFGH-JKMN-PQRS", ["receipt_number"] = "2026-SAMPLE-000001", ["fee"] = "0" },
        ["agency"] = new Dictionary<string, string?> { ["name_ko"] = "견본 기관", ["name_en"] = "Sample agency", ["code"] = "SAMPLE" },
        ["holder"] = new Dictionary<string, string?> { ["name"] = "홍*동", ["resident_number"] = "900101-1******", ["address"] = "서울특별시 종로구 ***" },
        ["content"] = new Dictionary<string, string?> { ["subject"] = "견본 신청", ["body"] = "견본 내용", ["statute"] = "견본법 제1조" },
    });
}

/// <summary>
/// The document templates (templates/documents/&lt;name&gt;.sbn, Korean first and English second in one page), parsed
/// once at start-up with strict variables: a template that does not parse or reads an unknown name stops start-up.
/// Every value is HTML-encoded before rendering, so text a citizen typed stays inert.
/// </summary>
public sealed class DocumentRenderer
{
    /// <summary>Marks around the signed part of a page: what the digest and the signature cover, byte for byte.</summary>
    public const string SignedStart = "<!--document:signed-->";

    public const string SignedEnd = "<!--/document:signed-->";

    private readonly Dictionary<string, (Template Template, string File)> _templates = new(StringComparer.Ordinal);

    private DocumentRenderer()
    {
    }

    public IEnumerable<string> Names => _templates.Keys.Order(StringComparer.Ordinal);

    public bool Has(string name) => _templates.ContainsKey(name);

    public static DocumentRenderer Load(string templatesFolder)
    {
        var renderer = new DocumentRenderer();
        var errors = new List<string>();
        var folder = Path.Combine(templatesFolder, "documents");
        foreach (var file in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.sbn").Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
        {
            var display = Path.Combine("templates", "documents", Path.GetFileName(file));
            var template = Template.Parse(File.ReadAllText(file, Encoding.UTF8), display);
            if (template.HasErrors)
            {
                errors.AddRange(template.Messages.Select(m => $"{display}:{m.Span.Start.Line + 1}: {m.Message}"));
                continue;
            }

            var name = "documents/" + Path.GetFileNameWithoutExtension(file);
            renderer._templates[name] = (template, display);
            try
            {
                renderer.RenderSigned(name, DocumentModel.Sample());
            }
            catch (NoticeTemplateException ex)
            {
                errors.Add(ex.Message);
            }
        }

        return errors.Count == 0 ? renderer : throw new NoticeTemplateException("document templates have errors:\n" + string.Join("\n", errors));
    }

    /// <summary>The signed part: the article with the issue number, agency, holder, content, instant and code.</summary>
    public string RenderSigned(string name, DocumentModel model)
    {
        if (!_templates.TryGetValue(name, out var entry))
        {
            throw new NoticeTemplateException($"templates/{name}.sbn:0: no such document template");
        }

        var globals = new ScriptObject();
        foreach (var (section, values) in model.Sections)
        {
            var obj = new ScriptObject();
            foreach (var (key, value) in values)
            {
                obj[key] = value is null ? null : WebUtility.HtmlEncode(value);
            }

            globals[section] = obj;
        }

        var context = TemplateBuiltins.Context(loopLimit: 1000);
        context.PushGlobal(globals);
        string body;
        try
        {
            body = entry.Template.Render(context).ReplaceLineEndings("\n").Trim();
        }
        catch (ScriptRuntimeException ex)
        {
            throw new NoticeTemplateException($"{entry.File}:{ex.Span.Start.Line + 1}: {ex.OriginalMessage}");
        }

        var issueNumber = WebUtility.HtmlEncode(model.Sections["document"]["issue_number"]);
        var code = WebUtility.HtmlEncode(model.Sections["document"]["verification_code"]);
        return $"<article class=\"issued-document\" lang=\"ko\" data-issue-number=\"{issueNumber}\" data-verification-code=\"{code}\" data-template=\"{WebUtility.HtmlEncode(name)}\">\n{body}\n</article>";
    }

    /// <summary>The printable page: print CSS, the signed part between its marks, then the seal (digest, signature, key).</summary>
    public static string Page(string title, string signed, string digest, string signature, string keyId, string issueNumber)
    {
        var t = WebUtility.HtmlEncode(title);
        return $"""
            <!DOCTYPE html>
            <html lang="ko">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{t} · {WebUtility.HtmlEncode(issueNumber)}</title>
            <style>{PrintCss}</style>
            </head>
            <body>
            <main>
            {SignedStart}{signed}{SignedEnd}
            <section class="seal" aria-label="전자서명 (Electronic signature)">
            <h2>전자서명 <span lang="en">Electronic signature</span></h2>
            <dl>
            <dt>알고리즘 <span lang="en">Algorithm</span></dt><dd>ECDSA P-256 · SHA-256 (ES256)</dd>
            <dt>서명 키 <span lang="en">Key id</span></dt><dd class="key-id">{keyId}</dd>
            <dt>문서 요약값 <span lang="en">SHA-256 digest</span></dt><dd class="digest">{digest}</dd>
            <dt>서명값 <span lang="en">Signature</span></dt><dd class="signature">{signature}</dd>
            </dl>
            <p>진위확인: /minwon/verify · 공개키 <span lang="en">public keys</span>: /api/v1/documents/keys</p>
            </section>
            </main>
            </body>
            </html>

            """;
    }

    /// <summary>The signed part of an uploaded page, exactly as between its marks; null when the marks are missing.</summary>
    public static string? SignedPartOf(string page)
    {
        var start = page.IndexOf(SignedStart, StringComparison.Ordinal);
        var end = page.IndexOf(SignedEnd, StringComparison.Ordinal);
        return start < 0 || end < start ? null : page[(start + SignedStart.Length)..end];
    }

    private const string PrintCss =
        "body{font-family:'Noto Sans CJK KR','Noto Sans KR',sans-serif;margin:0;padding:1rem;color:#111;background:#fff;line-height:1.5}"
        + "main{max-width:48rem;margin:0 auto}"
        + ".issued-document{border:2px solid #222;padding:1.25rem}"
        + ".issued-document h1{text-align:center;font-size:1.5rem;margin:0 0 1rem}"
        + ".issued-document table{width:100%;border-collapse:collapse;margin:.75rem 0}"
        + ".issued-document th,.issued-document td{border:1px solid #444;padding:.35rem .5rem;text-align:left;vertical-align:top}"
        + ".issued-document th{background:#f0f0f0;width:34%}"
        + ".certify{margin:1rem 0;font-weight:600}.issuer{text-align:right;font-size:1.15rem;font-weight:700}"
        + ".seal{margin-top:1rem;font-size:.8rem;word-break:break-all}.seal dt{font-weight:600}.seal dd{margin:0 0 .4rem;font-family:monospace}"
        + "[lang=en]{color:#444}"
        + "@media print{body{padding:0}@page{size:A4;margin:15mm}.issued-document{border-width:1px}.seal{page-break-inside:avoid}}";
}
