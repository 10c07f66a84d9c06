using System.Globalization;
using Treatment.Core.Open311;
using Treatment.Core.Persistence;

namespace Treatment.Web.Api;

/// <summary>
/// Open311 GeoReport v2 under /open311/v2 (decision 022): services and service definitions are public (as the
/// specification has them); posting and reading requests need a channel key (api_key), and answer public fields only.
/// Every error is Open311's own format in the format asked for. Not part of the /api/v1 OpenAPI document.
/// </summary>
public static class Open311Endpoints
{
    private const int MaxFormBytes = 64 * 1024;

    public static WebApplication MapOpen311Endpoints(this WebApplication app)
    {
        var open311 = app.MapGroup("/open311/v2").ExcludeFromDescription();
        open311.MapGet("/services.{format}", ServicesAsync);
        open311.MapGet("/services/{file}", DefinitionAsync);
        open311.MapPost("/requests.{format}", SubmitAsync);
        open311.MapGet("/requests.{format}", RequestsAsync);
        open311.MapGet("/requests/{file}", RequestAsync);
        return app;
    }

    private static async Task<IResult> ServicesAsync(string format, Open311Service open311, CancellationToken ct) =>
        Format(format) is not { } f
            ? Open311Documents.Error(404, "format must be json or xml", Open311Documents.Json)
            : Open311Documents.Services(await open311.ServicesAsync(ct), f);

    private static async Task<IResult> DefinitionAsync(string file, Open311Service open311, CancellationToken ct)
    {
        if (Split(file) is not { } target)
        {
            return Open311Documents.Error(404, "format must be json or xml", Open311Documents.Json);
        }

        return await open311.ServiceAsync(target.Name, ct) is { } service
            ? Open311Documents.Definition(service, target.Format)
            : Open311Documents.Error(404, "service_code was not found", target.Format);
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, string format, Open311Service open311, ChannelKeyLookup keys, TreatmentDbContext db, CancellationToken ct)
    {
        if (Format(format) is not { } f)
        {
            return Open311Documents.Error(404, "format must be json or xml", Open311Documents.Json);
        }

        if (!http.Request.HasFormContentType)
        {
            return Open311Documents.Error(400, "the request must be form-encoded (application/x-www-form-urlencoded)", f);
        }

        if (http.Request.ContentLength is > MaxFormBytes)
        {
            return Open311Documents.Error(413, $"the request is larger than {MaxFormBytes} bytes", f);
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { ValueLengthLimit = MaxFormBytes, MultipartBodyLengthLimit = MaxFormBytes }, ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Open311Documents.Error(400, "the form could not be read", f);
        }

        var caller = await keys.FindAsync(form["api_key"].ToString(), db, ct);
        if (caller is null)
        {
            return Open311Documents.Error(403, "Invalid api_key received -- can't proceed with create_request.", f);
        }

        var submission = new Open311Submission(
            Field(form, "jurisdiction_id"), Field(form, "service_code"), Field(form, "description"), Field(form, "address_string"),
            Field(form, "lat"), Field(form, "long"), Field(form, "email"), Field(form, "first_name"), Field(form, "last_name"), Field(form, "phone"));
        var (receipt, errors) = await open311.SubmitAsync(caller.KeyId, caller.Channel, caller.Actor, submission, ct);
        return receipt is null ? Open311Documents.Errors(errors, f) : Open311Documents.Receipt(receipt, f);
    }

    private static async Task<IResult> RequestsAsync(HttpContext http, string format, Open311Service open311, ChannelKeyLookup keys, TreatmentDbContext db, CancellationToken ct)
    {
        if (Format(format) is not { } f)
        {
            return Open311Documents.Error(404, "format must be json or xml", Open311Documents.Json);
        }

        if (await CallerAsync(http, keys, db, ct) is not { } caller)
        {
            return Open311Documents.Error(403, "Invalid api_key received -- requests are answered only to a channel key.", f);
        }

        var q = http.Request.Query;
        var errors = new List<Open311Error>();
        var start = Instant(q["start_date"].ToString(), "start_date", errors);
        var end = Instant(q["end_date"].ToString(), "end_date", errors);
        bool? open = q["status"].ToString() switch
        {
            "" => null,
            "open" => true,
            "closed" => false,
            _ => Invalid(errors, "status must be open or closed"),
        };
        if (errors.Count > 0)
        {
            return Open311Documents.Errors(errors, f);
        }

        var query = new Open311Query(List(q["service_request_id"].ToString()), List(q["service_code"].ToString()), start, end, open);
        return Open311Documents.Requests(await open311.RequestsAsync(caller.KeyId, query, ct), f);
    }

    private static async Task<IResult> RequestAsync(HttpContext http, string file, Open311Service open311, ChannelKeyLookup keys, TreatmentDbContext db, CancellationToken ct)
    {
        if (Split(file) is not { } target)
        {
            return Open311Documents.Error(404, "format must be json or xml", Open311Documents.Json);
        }

        if (await CallerAsync(http, keys, db, ct) is not { } caller)
        {
            return Open311Documents.Error(403, "Invalid api_key received -- requests are answered only to a channel key.", target.Format);
        }

        var found = await open311.RequestsAsync(caller.KeyId, new Open311Query([target.Name], null, null, null, null), ct);
        return found.Count == 0
            ? Open311Documents.Error(404, "service_request_id was not found", target.Format)
            : Open311Documents.Requests(found, target.Format);
    }

    /// <summary>The key from the api_key argument (as the specification passes it) or the X-Api-Key header.</summary>
    private static Task<ChannelCaller?> CallerAsync(HttpContext http, ChannelKeyLookup keys, TreatmentDbContext db, CancellationToken ct)
    {
        var key = http.Request.Query["api_key"].ToString();
        return keys.FindAsync(key.Length > 0 ? key : http.Request.Headers["X-Api-Key"].ToString(), db, ct);
    }

    private static string? Format(string format) => format switch
    {
        Open311Documents.Json => Open311Documents.Json,
        Open311Documents.Xml => Open311Documents.Xml,
        _ => null,
    };

    /// <summary>"CODE.json" into the code and the format; null when the format is not json or xml.</summary>
    private static (string Name, string Format)? Split(string file)
    {
        var dot = file.LastIndexOf('.');
        return dot > 0 && Format(file[(dot + 1)..]) is { } f ? (file[..dot], f) : null;
    }

    private static string? Field(IFormCollection form, string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;

    private static List<string>? List(string text) =>
        text.Length == 0 ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(Open311Service.MaxResults).ToList();

    private static DateTimeOffset? Instant(string text, string name, List<Open311Error> errors)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && (text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 9))
        {
            return instant;
        }

        errors.Add(new Open311Error(400, $"{name} must be ISO 8601 with a timezone (e.g. 2025-07-07T10:00:00+09:00)"));
        return null;
    }

    private static bool? Invalid(List<Open311Error> errors, string description)
    {
        errors.Add(new Open311Error(400, description));
        return null;
    }
}
