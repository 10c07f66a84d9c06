using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Treatment.Core.Open311;

namespace Treatment.Web.Api;

/// <summary>
/// GeoReport v2 documents in JSON and XML as the specification's examples show them: snake_case members, UTF-8,
/// the XML declaration, instants in ISO 8601 with their offset, and errors as a list of {code, description}.
/// </summary>
public static class Open311Documents
{
    public const string Json = "json";
    public const string Xml = "xml";

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = ApiJson.Options.Encoder, Indented = false };

    public static IResult Services(IReadOnlyList<Open311ServiceType> services, string format) =>
        format == Xml
            ? XmlResult(200, w =>
            {
                w.WriteStartElement("services");
                foreach (var s in services)
                {
                    w.WriteStartElement("service");
                    Element(w, "service_code", s.Code);
                    Element(w, "service_name", s.Name);
                    Element(w, "description", s.Description);
                    Element(w, "metadata", "false");
                    Element(w, "type", "realtime");
                    Element(w, "keywords", s.Keywords);
                    Element(w, "group", s.Group);
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            })
            : JsonResult(200, w =>
            {
                w.WriteStartArray();
                foreach (var s in services)
                {
                    w.WriteStartObject();
                    w.WriteString("service_code", s.Code);
                    w.WriteString("service_name", s.Name);
                    w.WriteString("description", s.Description);
                    w.WriteBoolean("metadata", false);
                    w.WriteString("type", "realtime");
                    w.WriteString("keywords", s.Keywords);
                    w.WriteString("group", s.Group);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });

    /// <summary>A service definition: its code and no attributes (every service has metadata false).</summary>
    public static IResult Definition(Open311ServiceType service, string format) =>
        format == Xml
            ? XmlResult(200, w =>
            {
                w.WriteStartElement("service_definition");
                Element(w, "service_code", service.Code);
                w.WriteStartElement("attributes");
                w.WriteEndElement();
                w.WriteEndElement();
            })
            : JsonResult(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("service_code", service.Code);
                w.WriteStartArray("attributes");
                w.WriteEndArray();
                w.WriteEndObject();
            });

    /// <summary>The POST answer: a list of one request with its id, notice and (empty) account id.</summary>
    public static IResult Receipt(Open311Receipt receipt, string format) =>
        format == Xml
            ? XmlResult(201, w =>
            {
                w.WriteStartElement("service_requests");
                w.WriteStartElement("request");
                Element(w, "service_request_id", receipt.ServiceRequestId);
                Element(w, "service_notice", receipt.ServiceNotice);
                Element(w, "account_id", null);
                w.WriteEndElement();
                w.WriteEndElement();
            })
            : JsonResult(201, w =>
            {
                w.WriteStartArray();
                w.WriteStartObject();
                w.WriteString("service_request_id", receipt.ServiceRequestId);
                w.WriteString("service_notice", receipt.ServiceNotice);
                w.WriteNull("account_id");
                w.WriteEndObject();
                w.WriteEndArray();
            });

    /// <summary>Requests with their public fields only (policy open311-public-fields).</summary>
    public static IResult Requests(IReadOnlyList<Open311Status> requests, string format) =>
        format == Xml
            ? XmlResult(200, w =>
            {
                w.WriteStartElement("service_requests");
                foreach (var r in requests)
                {
                    w.WriteStartElement("request");
                    Element(w, "service_request_id", r.ServiceRequestId);
                    Element(w, "status", r.Status);
                    Element(w, "status_notes", r.StatusNotes);
                    Element(w, "service_name", r.ServiceName);
                    Element(w, "service_code", r.ServiceCode);
                    Element(w, "agency_responsible", r.AgencyResponsible);
                    Element(w, "requested_datetime", Instant(r.RequestedDatetime));
                    Element(w, "updated_datetime", Instant(r.UpdatedDatetime));
                    Element(w, "expected_datetime", r.ExpectedDatetime is { } e ? Instant(e) : null);
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            })
            : JsonResult(200, w =>
            {
                w.WriteStartArray();
                foreach (var r in requests)
                {
                    w.WriteStartObject();
                    w.WriteString("service_request_id", r.ServiceRequestId);
                    w.WriteString("status", r.Status);
                    w.WriteString("status_notes", r.StatusNotes);
                    w.WriteString("service_name", r.ServiceName);
                    w.WriteString("service_code", r.ServiceCode);
                    w.WriteString("agency_responsible", r.AgencyResponsible);
                    w.WriteString("requested_datetime", Instant(r.RequestedDatetime));
                    w.WriteString("updated_datetime", Instant(r.UpdatedDatetime));
                    if (r.ExpectedDatetime is { } e)
                    {
                        w.WriteString("expected_datetime", Instant(e));
                    }
                    else
                    {
                        w.WriteNull("expected_datetime");
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });

    /// <summary>Open311's error format; the HTTP status is the first error's code.</summary>
    public static IResult Errors(IReadOnlyList<Open311Error> errors, string format) =>
        format == Xml
            ? XmlResult(errors[0].Code, w =>
            {
                w.WriteStartElement("errors");
                foreach (var e in errors)
                {
                    w.WriteStartElement("error");
                    Element(w, "code", e.Code.ToString(CultureInfo.InvariantCulture));
                    Element(w, "description", e.Description);
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            })
            : JsonResult(errors[0].Code, w =>
            {
                w.WriteStartArray();
                foreach (var e in errors)
                {
                    w.WriteStartObject();
                    w.WriteNumber("code", e.Code);
                    w.WriteString("description", e.Description);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });

    public static IResult Error(int code, string description, string format) => Errors([new Open311Error(code, description)], format);

    /// <summary>ISO 8601 with the offset (the w3 note's subset), seconds precision.</summary>
    public static string Instant(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static void Element(XmlWriter w, string name, string? value)
    {
        w.WriteStartElement(name);
        if (value is not null)
        {
            w.WriteString(value);
        }

        w.WriteEndElement();
    }

    private static IResult XmlResult(int status, Action<XmlWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }

        return Results.Text(Encoding.UTF8.GetString(buffer.ToArray()), "text/xml; charset=utf-8", new UTF8Encoding(false), status);
    }

    private static IResult JsonResult(int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            write(writer);
        }

        return Results.Text(Encoding.UTF8.GetString(buffer.ToArray()), "application/json; charset=utf-8", new UTF8Encoding(false), status);
    }
}
