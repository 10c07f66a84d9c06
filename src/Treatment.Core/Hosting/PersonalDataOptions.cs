using System.ComponentModel.DataAnnotations;

namespace Treatment.Core.Hosting;

/// <summary>
/// The key of personal data at rest (section "Treatment"), apart from the other settings so that commands which never
/// read personal data run without it; hosts that serve petitions check it at start-up.
/// </summary>
public sealed class PersonalDataOptions : IValidatableObject
{
    /// <summary>Base64 of the 32-byte key that encrypts resident registration numbers at rest.</summary>
    [Required(ErrorMessage = "must hold a base64 32-byte key")]
    public string PersonalDataKey { get; set; } = "";

    /// <summary>Keys being rotated out: they decrypt older data until `treatment keys rotate` has re-encrypted it with the current key.</summary>
    public List<string> PreviousPersonalDataKeys { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(PersonalDataKey) && !IsValidKey(PersonalDataKey))
        {
            yield return new ValidationResult("must be base64 of exactly 32 bytes", [nameof(PersonalDataKey)]);
        }

        for (var i = 0; i < PreviousPersonalDataKeys.Count; i++)
        {
            if (!IsValidKey(PreviousPersonalDataKeys[i]))
            {
                yield return new ValidationResult("must be base64 of exactly 32 bytes", [$"{nameof(PreviousPersonalDataKeys)}:{i}"]);
            }
        }
    }

    private static bool IsValidKey(string key)
    {
        try
        {
            return Convert.FromBase64String(key).Length == 32;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
