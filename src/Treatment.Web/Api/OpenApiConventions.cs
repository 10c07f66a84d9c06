using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Treatment.Web.Api;

/// <summary>
/// Makes the OpenAPI document exact enough for a generated client to check something: both security schemes on every
/// operation, a summary and the error answers on each, numbers as numbers (strict handling), required body fields
/// required and not nullable, resource fields that are never null required. Checked by scripts/openapi-lint (Redocly).
/// </summary>
public static class OpenApiConventions
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Petitions"] = "Intake from channel systems and officials; the officials' petition API in their back-office scope.",
        ["Auth"] = "Bearer tokens for officials.",
        ["Information gateway"] = "Public information: agencies and the affairs of the treatment standards.",
        ["Citizen status"] = "A petitioner's own petition, by receipt number and lookup code.",
        ["Statutory clock"] = "Holidays and the treatment-period arithmetic of the Act.",
        ["Packages"] = "One application for several affairs (묶음 민원): a child petition per affair, the package's state derived from them.",
        ["Address changes"] = "One move-in report told to every consented recipient (주소변경 서비스), by signed webhook or e-mail.",
    };

    public static IServiceCollection AddTreatmentOpenApiConventions(this IServiceCollection services, IConfiguration configuration)
    {
        // Numbers travel as JSON numbers only; the document then types them "integer", not "integer or string".
        services.Configure<JsonOptions>(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.Configure<OpenApiOptions>("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document, configuration[Security.SecurityHeadersExtensions.PublicUrlKey]);
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                Secure(operation, context);
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer((schema, context, _) =>
            {
                RequireFields(schema, context);
                return Task.CompletedTask;
            });
        });
        return services;
    }

    private static void Describe(OpenApiDocument document, string? publicUrl)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "A channel system's key (treatment channels add): intake only.",
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An official's token from POST /api/v1/auth/token (an hour; refused within a minute of the account being disabled).",
        };
        // No trailing slash (Redocly no-server-trailing-slash): the public address, or the local one of scripts/run.
        document.Servers = [new OpenApiServer { Url = (publicUrl is { Length: > 0 } ? publicUrl : "http://127.0.0.1:5080").TrimEnd('/') }];
        // Nullable references are wrapped ("one of null or X") only once the document is assembled, so they are settled here.
        foreach (var (name, component) in document.Components.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (component is OpenApiSchema { Properties: { } properties, Required: { } required })
            {
                foreach (var field in required.ToList())
                {
                    if (properties.TryGetValue(field, out var property) && IsNullable(property))
                    {
                        if (name.EndsWith("Body", StringComparison.Ordinal))
                        {
                            properties[field] = WithoutNull(property);
                        }
                        else
                        {
                            required.Remove(field);
                        }
                    }
                }
            }
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description ??= tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description) ? description : tag.Name;
        }

        document.Info.License ??= new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
        document.Info.Contact ??= new OpenApiContact { Name = "Treatment" };
    }

    private static void Secure(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var document = context.Document;
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
        ];
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            // Public operations take either credential or none.
            operation.Security.Add(new OpenApiSecurityRequirement());
        }

        operation.Summary ??= Humanize(context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName
            ?? context.Description.RelativePath ?? "operation");
        if (operation.OperationId is { } id && Examples.TryGetValue(id, out var example)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true && media is OpenApiMediaType json)
        {
            json.Example = example();
        }

        operation.Responses ??= new OpenApiResponses();
        if (!operation.Responses.Keys.Any(k => k.StartsWith('4')))
        {
            operation.Responses["400"] = new OpenApiResponse { Description = "Bad input (RFC 9457 problem details with field errors)" };
        }

        foreach (var (code, response) in operation.Responses)
        {
            if (string.IsNullOrEmpty(response.Description) && response is OpenApiResponse concrete)
            {
                concrete.Description = code.StartsWith('2') ? "Success" : "Problem details (RFC 9457)";
            }
        }
    }

    private static void RequireFields(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        if (schema.Properties is not { Count: > 0 } properties)
        {
            return;
        }

        // Bodies: only the fields declared [Required]; resources: every field the API never leaves out (it omits nulls only).
        var isBody = context.JsonTypeInfo.Type.Name.EndsWith("Body", StringComparison.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (!properties.TryGetValue(property.Name, out var propertySchema))
            {
                continue;
            }

            var declaredRequired = property.AttributeProvider?.GetCustomAttributes(typeof(RequiredAttribute), inherit: true).Length > 0;
            if (declaredRequired || (!isBody && !IsNullable(propertySchema)))
            {
                required.Add(property.Name);
                properties[property.Name] = WithoutNull(propertySchema);
            }
        }

        schema.Required = required;
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        schema is OpenApiSchema s && ((s.Type is { } type && type.HasFlag(JsonSchemaType.Null)) || (s.OneOf?.Any(o => o.Type == JsonSchemaType.Null) ?? false));

    /// <summary>"string or null" becomes "string"; "one of null or X" becomes X.</summary>
    private static IOpenApiSchema WithoutNull(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return schema;
        }

        if (concrete.OneOf is { Count: 2 } oneOf && oneOf.Count(o => o.Type == JsonSchemaType.Null) == 1)
        {
            return oneOf.Single(o => o.Type != JsonSchemaType.Null);
        }

        if (concrete.Type is { } type)
        {
            concrete.Type = type & ~JsonSchemaType.Null;
        }

        return concrete;
    }

    private static string Humanize(string name)
    {
        var words = System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>Request examples by operation id: what a channel developer copies first.</summary>
    private static readonly Dictionary<string, Func<JsonNode>> Examples = new(StringComparer.Ordinal)
    {
        ["ReceivePetition"] = () => new JsonObject
        {
            ["kind"] = "grievance",
            ["agencyCode"] = "SEOUL-JONGNO",
            ["title"] = "가로등 고장",
            ["body"] = "골목 가로등이 꺼져 있습니다.",
            ["petitioner"] = new JsonObject { ["name"] = "홍길동", ["phone"] = "010-1234-5678" },
        },
        ["IssueToken"] = () => new JsonObject { ["username"] = "jongno.official", ["password"] = "********" },
        ["CitizenStatus"] = () => new JsonObject { ["receiptNumber"] = "2025-SEOUL-JONGNO-000123", ["lookupCode"] = "ABCDE-FGHJK" },
        ["CreatePackage"] = () => new JsonObject
        {
            ["packageCode"] = "MOVING",
            ["petitioner"] = new JsonObject { ["name"] = "홍길동", ["phone"] = "010-1234-5678" },
            ["items"] = new JsonArray(
                new JsonObject { ["affairCode"] = "RES-MOVEIN-REPORT", ["agencyCode"] = "SEOUL-MAPO-SEOGYO" },
                new JsonObject { ["affairCode"] = "RES-IDCARD-REISSUE", ["agencyCode"] = "SEOUL-MAPO-SEOGYO" }),
        },
        ["ReportAddressChange"] = () => new JsonObject
        {
            ["name"] = "홍길동",
            ["previousAddress"] = "서울특별시 종로구 세종대로 209",
            ["newAddress"] = "서울특별시 마포구 월드컵로 212",
            ["movedOn"] = "2026-12-01",
            ["recipients"] = new JsonArray("NHIS", "NPS"),
        },
        ["RevealPersonalData"] = () => new JsonObject { ["reason"] = "본인 확인 전화" },
        ["FirePetitionAction"] = () => new JsonObject { ["reason"] = "현장 확인 필요", ["extensionDays"] = 5 },
    };
}
