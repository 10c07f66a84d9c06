using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Treatment.Core.Clock;
using Treatment.Web.Api;

namespace Treatment.Web.Tests.Api;

/// <summary>The calendar endpoints on a bare host (no database needed: the clock is pure).</summary>
public sealed class CalendarEndpointsTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddTreatmentClock(FindWorkflows());
        _app = builder.Build();
        _app.MapGroup("/api/v1").MapCalendarEndpoints();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task GetHolidays_2025_ReturnsTableWithSubstitutes()
    {
        var holidays = await _client.GetFromJsonAsync<List<HolidayResponse>>("/api/v1/calendar/holidays?year=2025");

        Assert.NotNull(holidays);
        Assert.Contains(holidays, h => h.Date == "2025-10-08" && h.Name == "대체공휴일(추석)" && h.Kind == "substitute");
        Assert.Equal(20, holidays.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?year=abc")]
    [InlineData("?year=1990")]
    public async Task GetHolidays_BadYear_ValidationProblem(string query)
    {
        var response = await _client.GetAsync($"/api/v1/calendar/holidays{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("year", out _));
    }

    [Fact]
    public async Task PreviewDeadline_SupplementSpan_ReturnsDueAndExplanation()
    {
        var body = new DeadlinePreviewRequest("2026-03-09T10:00+09:00", "10d", [new ExclusionInput("supplement", "2026-03-11", "2026-03-16")], null, null);

        var response = await _client.PostAsJsonAsync("/api/v1/deadlines/preview", body);

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("2026-03-26", json.RootElement.GetProperty("due").GetString());
        Assert.Equal("working-days", json.RootElement.GetProperty("countedIn").GetString());
        Assert.Contains("처리기간 제외(보완)", json.RootElement.GetProperty("explanation").GetProperty("ko").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewDeadline_BadFields_ValidationProblemNamesEachField()
    {
        var body = new DeadlinePreviewRequest("2026-03-09 10:00", "ten days", [new ExclusionInput("holiday", "2026-03-11", "x")], "lunar", null);

        var response = await _client.PostAsJsonAsync("/api/v1/deadlines/preview", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("received", out _));
        Assert.True(errors.TryGetProperty("period", out _));
        Assert.True(errors.TryGetProperty("counting", out _));
        Assert.True(errors.TryGetProperty("exclusions[0]", out _));
    }

    [Fact]
    public async Task PreviewDeadline_ExtensionLongerThanOriginal_ValidationProblemWithClockType()
    {
        var body = new DeadlinePreviewRequest("2025-07-07T10:00+09:00", "14d", null, null, [new ExtensionInput("20d", false)]);

        var response = await _client.PostAsJsonAsync("/api/v1/deadlines/preview", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.EndsWith("/clock/extension-longer-than-original", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    private static string FindWorkflows()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "workflows", "calendar")))
            {
                return Path.Combine(dir.FullName, "workflows");
            }
        }

        throw new DirectoryNotFoundException("workflows/calendar not found above the test output folder");
    }
}
