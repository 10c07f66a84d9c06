using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Petitions;

/// <summary>Registers a petition received by visit, mail, fax or phone through the petition service (Act §8–§9).</summary>
public sealed class RegisterModel(PetitionPageService pages, PetitionIntake petitions) : PageModel
{
    public static readonly Channel[] OfficeChannels = [Channel.Visit, Channel.Mail, Channel.Fax, Channel.Phone];

    [BindProperty]
    public RegisterForm Form { get; set; } = new();

    public RegistrationOptions Options { get; private set; } = null!;

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Options = await pages.RegistrationOptionsAsync(User.ToActor(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Options = await pages.RegistrationOptionsAsync(actor, ct);
        if (!OfficeChannels.Contains(Form.Channel))
        {
            ModelState.AddModelError("Form.Channel", L.T("방문·우편·팩스·전화 중에서 고르세요.", "Choose visit, mail, fax or phone."));
        }

        if (!ModelState.IsValid)
        {
            Error = L.T("입력값을 확인하세요.", "Check the fields.");
            return Page();
        }

        var request = new IntakeRequest
        {
            Kind = Form.Kind,
            SubKind = Form.Kind == PetitionKind.Inquisitive ? Form.SubKind : null,
            AffairCode = Form.Kind is PetitionKind.Legal or PetitionKind.PriorExamination ? Form.AffairCode : null,
            AgencyCode = Options.AgencyCode,
            Channel = Form.Channel,
            Title = Form.Title.Trim(),
            Body = Form.Body.Trim(),
            Petitioner = new PetitionerDetails(Form.PetitionerName?.Trim(), Blank(Form.PetitionerPhone), Blank(Form.PetitionerEmail), Blank(Form.PetitionerAddress), Blank(Form.ResidentNumber)),
            ReceivedAt = Form.ReceivedAt is { } local ? new DateTimeOffset(local, DeadlineCalculator.KstOffset).ToUniversalTime() : null,
        };
        var result = await petitions.ReceiveAsync(request, actor, ct: ct);
        if (!result.IsSuccess)
        {
            var error = result.Error!;
            foreach (var (field, messages) in error.Fields ?? new Dictionary<string, string[]>())
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError("Form." + FormField(field), message);
                }
            }

            Error = L.T(error.Message);
            return Page();
        }

        var petition = result.Value!.Petition;
        TempData["message"] = L.T($"접수했습니다: {petition.ReceiptNumber}", $"Registered: {petition.ReceiptNumber}");
        return Redirect($"/Petitions/{petition.Id}");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Service field names (camelCase, petitioner.x) to the form's property names.</summary>
    private static string FormField(string field) => field switch
    {
        "petitioner.name" => nameof(RegisterForm.PetitionerName),
        "petitioner.phone" => nameof(RegisterForm.PetitionerPhone),
        "petitioner.email" => nameof(RegisterForm.PetitionerEmail),
        "petitioner.address" => nameof(RegisterForm.PetitionerAddress),
        "petitioner.residentNumber" => nameof(RegisterForm.ResidentNumber),
        _ => char.ToUpperInvariant(field[0]) + field[1..],
    };
}

public sealed class RegisterForm
{
    public PetitionKind Kind { get; set; } = PetitionKind.Legal;

    public string? SubKind { get; set; }

    public string? AffairCode { get; set; }

    public Channel Channel { get; set; } = Channel.Visit;

    [Required]
    [StringLength(IntakeLimits.Title)]
    public string Title { get; set; } = "";

    [Required]
    [StringLength(IntakeLimits.Body)]
    public string Body { get; set; } = "";

    [Required]
    [StringLength(IntakeLimits.Name)]
    public string? PetitionerName { get; set; }

    [StringLength(IntakeLimits.Phone)]
    public string? PetitionerPhone { get; set; }

    [StringLength(IntakeLimits.Email)]
    public string? PetitionerEmail { get; set; }

    [StringLength(IntakeLimits.Address)]
    public string? PetitionerAddress { get; set; }

    [StringLength(IntakeLimits.ResidentNumber)]
    public string? ResidentNumber { get; set; }

    /// <summary>KST wall time of a visit or letter registered later; empty means now.</summary>
    public DateTime? ReceivedAt { get; set; }
}
