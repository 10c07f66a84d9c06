using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Notices;

/// <summary>What a notice is rendered from: the petition as changed, its agency, affair and definition.</summary>
public sealed record NoticeContext(Petition Petition, WorkflowDefinition Definition, Agency Agency, CivilAffair? Affair)
{
    /// <summary>The decision, reasons and remedies of an earlier transition that a result notice now reports.</summary>
    public TriggerInputs? EarlierDecision { get; init; }

    /// <summary>The target agency's name when a transfer names a known agency code.</summary>
    public string? TransferTargetName { get; init; }

    /// <summary>The official named on a notice the system sends (Decree §31): the assignee; the handling unit's officer when none.</summary>
    public string? OfficialName { get; init; }
}

/// <summary>
/// Renders the notices a transition declares (Korean, with a verification code) as rows to store with the change.
/// Reads what a later result notice needs from the audit trail; never changes the petition.
/// </summary>
public sealed class NoticeIssuer(TreatmentDbContext db, NoticeRenderer renderer, Security.PersonalDataProtector personalData)
{
    /// <summary>Whether the notices of <paramref name="result"/> report a decision given with an earlier transition.</summary>
    public static bool NeedsEarlierDecision(WorkflowDefinition definition, FireResult result, TriggerInputs inputs) =>
        inputs.DecisionText is null && definition.ResultNotice is { } resultNotice && result.Notices.Contains(resultNotice);

    /// <summary>The decision, reasons and remedies given with the grant or refusal that a result notice now reports.</summary>
    public async Task<TriggerInputs?> EarlierDecisionAsync(long petitionId, CancellationToken ct)
    {
        var recent = await db.PetitionEvents.AsNoTracking()
            .Where(e => e.PetitionId == petitionId && e.Type == PetitionEventTypes.Transition && e.Data != null)
            .OrderByDescending(e => e.Id)
            .Select(e => e.Data!)
            .Take(20)
            .ToListAsync(ct);
        return recent
            .Select(d => JsonSerializer.Deserialize<TransitionData>(d, PetitionChange.EventJson)?.Inputs)
            .FirstOrDefault(i => i?.DecisionText is not null);
    }

    public IEnumerable<Notice> Issue(NoticeContext context, FireResult result, TriggerInputs inputs, Actor actor, DateTimeOffset now) =>
        result.Notices.Select(name => Render(context, name, result, inputs, actor, now)).ToList();

    private Notice Render(NoticeContext context, string name, FireResult result, TriggerInputs inputs, Actor actor, DateTimeOffset now)
    {
        const string language = "ko";
        var noticeInputs = context.TransferTargetName is { } targetName ? inputs with { TransferTarget = targetName } : inputs;
        var model = NoticeModels.Build(context.Petition, context.Agency, context.Affair, context.Definition, result, noticeInputs, context.EarlierDecision, actor, language, context.OfficialName);
        model.Set("petition", "lookup_code", StatusLookupCodes.Reveal(context.Petition, personalData));
        var code = VerificationCode();
        var rendered = renderer.Render(name, language, model, code);
        var delivery = NoticeChannels.Delivery(context.Petition, Subject(rendered.Text, context.Petition), rendered.Text, now);
        return new Notice
        {
            Trigger = result.Trigger,
            DeliveryChannel = NoticeChannels.For(context.Petition),
            Delivery = delivery,
            PetitionId = context.Petition.Id,
            Template = name,
            Language = language,
            Html = rendered.Html,
            Text = rendered.Text,
            VerificationCode = code,
            IssuedAt = now,
            IssuedById = actor.UserId,
        };
    }

    /// <summary>
    /// A notice no transition sends (a merge, a committee hearing): rendered in Korean from <paramref name="template"/>
    /// over the common sections and what <paramref name="fill"/> adds, and queued by the petitioner's channel.
    /// </summary>
    public Notice IssueStandalone(Petition petition, Agency agency, string template, Action<NoticeModel> fill, Actor actor, DateTimeOffset now)
    {
        const string language = "ko";
        var model = NoticeModels.Base(petition, agency, actor, language);
        fill(model);
        var code = VerificationCode();
        var rendered = renderer.Render(template, language, model, code);
        return new Notice
        {
            DeliveryChannel = NoticeChannels.For(petition),
            Delivery = NoticeChannels.Delivery(petition, Subject(rendered.Text, petition), rendered.Text, now),
            PetitionId = petition.Id,
            Template = template,
            Language = language,
            Html = rendered.Html,
            Text = rendered.Text,
            VerificationCode = code,
            IssuedAt = now,
            IssuedById = actor.UserId,
        };
    }

    /// <summary>The notice's first line (its title) as the subject of a mail or message.</summary>
    private static string Subject(string text, Petition petition)
    {
        var first = text.Split('\n', 2)[0].Trim();
        return first.Length > 0 ? first : petition.ReceiptNumber;
    }

    /// <summary>12 characters without look-alikes (no 0/O, 1/I/L), grouped by four: about 60 bits, unguessable.</summary>
    private static string VerificationCode()
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        Span<char> code = stackalloc char[14];
        var k = 0;
        for (var i = 0; i < 12; i++)
        {
            if (i is 4 or 8)
            {
                code[k++] = '-';
            }

            code[k++] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(code);
    }
}
