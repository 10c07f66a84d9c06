using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Treatment.Web.Api;

/// <summary>A JSON body as read: the value, or the problem to answer; the raw bytes serve the idempotency hash.</summary>
public sealed record JsonBody<T>(T? Value, IResult? Problem, string Hash);

/// <summary>
/// Reads request bodies strictly: at most 256 KiB, application/json, valid UTF-8, no unknown members, the right types.
/// Every failure is a 4xx problem naming the field, never a 500.
/// </summary>
public static class ApiJson
{
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>camelCase, Hangul and emoji written as is, unknown members refused, enums as kebab-case text.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowTrailingCommas = false;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        return options;
    }

    public static async Task<JsonBody<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new(null, ApiProblems.Problem(415, "unsupported-media-type", "지원하지 않는 형식", "Unsupported media type", "Content-Type: application/json 이어야 합니다. (send application/json)"), "");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return new(null, TooLarge(), "");
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        var total = 0;
        while (true)
        {
            var span = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(span, ct);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            total += read;
            if (total > MaxBodyBytes)
            {
                return new(null, TooLarge(), "");
            }
        }

        var bytes = buffer.WrittenSpan;
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, Options);
            return value is null
                ? new(null, ApiProblems.Invalid(new Dictionary<string, string[]> { ["$"] = ["JSON 객체가 필요합니다. (a JSON object is required)"] }), hash)
                : new(value, null, hash);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path.StartsWith("$.", StringComparison.Ordinal) ? ex.Path[2..] : ex.Path;
            return new(null, ApiProblems.Invalid(new Dictionary<string, string[]> { [field] = [Describe(ex)] }, "요청 본문을 읽을 수 없습니다. (the request body could not be read)"), hash);
        }
    }

    /// <summary>A short reason without echoing the input back (it may hold personal data).</summary>
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        if (ex.InnerException is InvalidOperationException or FormatException || message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "값의 형식이 맞지 않습니다. (the value has the wrong type or an unknown value)";
        }

        if (message.Contains("could not be mapped", StringComparison.Ordinal) || message.Contains("unmapped", StringComparison.OrdinalIgnoreCase))
        {
            return "알 수 없는 항목입니다. (unknown member)";
        }

        if (message.Contains("UTF-8", StringComparison.OrdinalIgnoreCase) || ex.InnerException is System.Text.DecoderFallbackException or ArgumentException)
        {
            return "UTF-8이 아닌 문자가 있습니다. (invalid UTF-8)";
        }

        return "JSON 형식이 아닙니다. (malformed JSON)";
    }

    private static IResult TooLarge() =>
        ApiProblems.Problem(413, "body-too-large", "요청 본문이 너무 큼", "Request body too large", $"요청 본문은 {MaxBodyBytes / 1024} KiB 이하여야 합니다. (at most {MaxBodyBytes / 1024} KiB)");
}
