using System.Globalization;

namespace Treatment.Web.Hosting;

/// <summary>
/// The page shown when the database is briefly away. It is plain HTML written by the fault middleware, not a Razor
/// page: the site layout reads the database (unread notifications), which is exactly what is missing.
/// </summary>
internal static class TryAgainPage
{
    public static string Html(int retryAfterSeconds)
    {
        var seconds = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return $$"""
            <!DOCTYPE html>
            <html lang="ko">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="refresh" content="{{seconds}}">
            <title>잠시 후 다시 시도해 주십시오 (Please try again shortly)</title>
            <link rel="stylesheet" href="/css/site.css">
            </head>
            <body>
            <main class="container" id="try-again">
            <h1>잠시 후 다시 시도해 주십시오</h1>
            <p>데이터베이스에 잠시 연결할 수 없어 요청을 처리하지 못했습니다. 입력한 내용은 저장되지 않았을 수 있으니 {{seconds}}초 뒤에 다시 시도해 주십시오. 이 페이지는 {{seconds}}초 뒤에 스스로 다시 읽습니다.</p>
            <p lang="en">Please try again shortly. The database is briefly unreachable and the request was not completed; what you entered may not have been saved. This page reloads itself in {{seconds}} s.</p>
            <p><a href="javascript:location.reload()">다시 시도 (Try again)</a></p>
            </main>
            </body>
            </html>
            """;
    }
}
