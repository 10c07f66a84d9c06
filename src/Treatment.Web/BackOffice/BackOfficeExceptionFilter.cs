using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Treatment.Core.BackOffice;

namespace Treatment.Web.BackOffice;

/// <summary>
/// A refusal from the Core services' scope checks becomes a 403 page, whatever the page forgot to hide; inputs no form
/// offers (a tampered post the page did not catch) become a 400.
/// </summary>
public sealed class BackOfficeExceptionFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is BackOfficeForbiddenException)
        {
            executed.ExceptionHandled = true;
            executed.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
        }
        else if (executed.Exception is BackOfficeInputException)
        {
            executed.ExceptionHandled = true;
            executed.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
        }
    }
}
