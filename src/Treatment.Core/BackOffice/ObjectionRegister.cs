using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Security;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;

namespace Treatment.Core.BackOffice;

/// <summary>How an objection ended, as the register's 처리결과 column shows it.</summary>
public enum ObjectionOutcome
{
    Pending,
    Upheld,
    Dismissed,
}

/// <summary>
/// One line of the objection register (이의신청처리대장, Enforcement Rule form 12): the petition, the refusal's receipt
/// date, the objection's filing, its decision due (extended or not), its decision and whether that came in time.
/// </summary>
public sealed record ObjectionRegisterRow(
    int Number,
    long PetitionId,
    string ReceiptNumber,
    string Title,
    string Petitioner,
    DateOnly? RefusalReceivedOn,
    DateTimeOffset FiledAt,
    DateTimeOffset? DecisionDue,
    bool Extended,
    DateTimeOffset? DecidedAt,
    ObjectionOutcome Outcome)
{
    /// <summary>Decided by the due in force at the decision; null while pending.</summary>
    public bool? DecidedOnTime => DecidedAt is { } at ? DecisionDue is null || at <= DecisionDue : null;
}

/// <summary>
/// The objection register, read from the audit trail: which triggers file, extend, uphold or dismiss an objection is
/// read from the definition version each event was recorded under (its effects file), never named here (Act §35, Decree §40).
/// </summary>
public sealed class ObjectionRegister(TreatmentDbContext db, WorkflowCatalog catalog)
{
    private const int Limit = 5_000;

    /// <summary>Objections filed in the year (KST) on petitions in the actor's back-office scope, oldest first and numbered.</summary>
    public async Task<IReadOnlyList<ObjectionRegisterRow>> ListAsync(Actor actor, int year, CancellationToken ct)
    {
        actor.Require(Roles.Supervisor, Roles.Examiner, Roles.Admin);
        var transitions = catalog.All.SelectMany(d => d.Transitions).ToList();
        var triggers = transitions
            .Where(t => t.Has<CountsAsObjection>() || t.Has<CountsAsObjectionExtension>() || t.Effects.Any(e => e.DecidesObjection))
            .Select(t => t.Trigger).Distinct().ToList();
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, DeadlineCalculator.KstOffset).ToUniversalTime();
        var scoped = db.Petitions.AsNoTracking().InBackOfficeScope(actor);
        var events = await db.PetitionEvents.AsNoTracking()
            .Where(e => e.Trigger != null && triggers.Contains(e.Trigger) && e.At >= from && scoped.Any(p => p.Id == e.PetitionId))
            .OrderBy(e => e.At).ThenBy(e => e.Id).Take(Limit * 4)
            .ToListAsync(ct);
        var ids = events.Select(e => e.PetitionId).Distinct().ToList();
        var petitions = await scoped.Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.ReceiptNumber, p.Title, p.PetitionerName, p.WorkflowId, p.WorkflowVersion, p.RefusalReceivedOn })
            .ToDictionaryAsync(p => p.Id, ct);

        var rows = new List<ObjectionRegisterRow>();
        var open = new Dictionary<long, int>();
        foreach (var recorded in events)
        {
            var petition = petitions[recorded.PetitionId];
            var transition = catalog.TryGet(petition.WorkflowId, recorded.WorkflowVersion > 0 ? recorded.WorkflowVersion : petition.WorkflowVersion)?.FindTransition(recorded.Trigger!);
            if (transition is null)
            {
                continue;
            }

            if (transition.Has<CountsAsObjection>())
            {
                if (recorded.At.ToOffset(DeadlineCalculator.KstOffset).Year != year)
                {
                    continue;
                }

                open[recorded.PetitionId] = rows.Count;
                rows.Add(new ObjectionRegisterRow(rows.Count + 1, petition.Id, petition.ReceiptNumber, petition.Title, PersonalDataProtector.MaskName(petition.PetitionerName),
                    petition.RefusalReceivedOn, recorded.At, DueAfter(recorded), false, null, ObjectionOutcome.Pending));
            }
            else if (open.TryGetValue(recorded.PetitionId, out var index))
            {
                var row = rows[index];
                rows[index] = transition.Has<CountsAsObjectionExtension>()
                    ? row with { Extended = true, DecisionDue = DueAfter(recorded) ?? row.DecisionDue }
                    : row with { DecidedAt = recorded.At, Outcome = transition.Has<UpholdsObjection>() ? ObjectionOutcome.Upheld : ObjectionOutcome.Dismissed };
                if (rows[index].DecidedAt is not null)
                {
                    open.Remove(recorded.PetitionId);
                }
            }
        }

        return rows.Take(Limit).ToList();
    }

    /// <summary>The register as CSV (UTF-8 with BOM so spreadsheet programs read Hangul), one line per objection.</summary>
    public static string ToCsv(IReadOnlyList<ObjectionRegisterRow> rows)
    {
        var lines = new List<string> { "연번,접수번호,민원명,신청인,거부통지 수령일,이의신청일시,결정기한,연장,결정일시,결과,기한 내" };
        lines.AddRange(rows.Select(r => string.Join(",",
            r.Number, r.ReceiptNumber, Csv(r.Title), Csv(r.Petitioner), r.RefusalReceivedOn?.ToString("yyyy-MM-dd") ?? "",
            Kst(r.FiledAt), r.DecisionDue is { } due ? Kst(due) : "", r.Extended ? "Y" : "N", r.DecidedAt is { } at ? Kst(at) : "",
            r.Outcome switch { ObjectionOutcome.Upheld => "인용", ObjectionOutcome.Dismissed => "기각", _ => "처리 중" },
            r.DecidedOnTime switch { true => "Y", false => "N", null => "" })));
        return "\uFEFF" + string.Join("\r\n", lines) + "\r\n";
    }

    private static string Kst(DateTimeOffset at) => at.ToOffset(DeadlineCalculator.KstOffset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string Csv(string value) => value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static DateTimeOffset? DueAfter(PetitionEvent recorded)
    {
        if (string.IsNullOrEmpty(recorded.Data))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TransitionData>(recorded.Data, PetitionChange.EventJson)?.DueAfter;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
