using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.BackOffice;

namespace Treatment.Cli.Commands;

/// <summary>
/// `treatment calendar recount [--apply --reason TEXT]` (TREATMENT_DB): a correction of the calendar files
/// (workflows/calendar/*.yaml) against the files the stored dues were counted on; prints the dues that would move and,
/// with --apply, moves them through the same applier as a holiday designation (decision 019).
/// </summary>
public sealed class CalendarCommand : ICliCommand
{
    public Command Create(CliConsole console)
    {
        var apply = new Option<bool>("--apply") { Description = "apply the correction (otherwise only preview it)" };
        var reason = CliOptions.Value("reason", "why the files were corrected (required with --apply)");
        var recount = new Command("recount", "preview (or --apply) the recount of open dues after the calendar files changed") { apply, reason };
        recount.SetAction(async (parsed, ct) =>
        {
            await using var session = await DatabaseSession.OpenAsync(null, ct);
            await using var scope = session.CreateScope();
            var files = scope.ServiceProvider.GetRequiredService<CalendarFilesCorrection>();
            var (status, preview) = await files.PreviewForOperatorAsync(ct);
            if (preview is null)
            {
                console.Out.WriteLine($"no correction pending: the dues are counted on {status.AppliedDigest ?? status.CurrentDigest}");
                return 0;
            }

            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"files {status.CurrentDigest} (dues counted on {status.AppliedDigest}): {preview.ChangedDates.Count} date(s) changed, {preview.Changes.Count} due(s) would move, {preview.MovedEarlier} earlier, {preview.Failures.Count} not computable"));
            foreach (var change in preview.Changes)
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{change.PetitionId}\t{change.FromText}\t{change.ToText}{(change.To < change.From ? "\tearlier" : "")}"));
            }

            if (!parsed.GetValue(apply))
            {
                return 0;
            }

            var text = parsed.GetValue(reason) ?? throw new CliUsageException("--apply needs --reason");
            var outcome = await OperatorConsole.Checked(() => files.ApplyAsync(text, null, preview.Fingerprint, ct));
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"applied as version {outcome.VersionId}: {outcome.Changes.Count} due(s) moved"));
            return 0;
        });
        return new Command("calendar", "corrections of the calendar files: calendar recount [--apply --reason TEXT]") { recount };
    }
}
