namespace Treatment.Core.Security;

/// <summary>
/// How personal data shows outside a logged reveal, on every surface (pages, API, exports): enough to recognise a
/// petitioner on the phone, never enough to contact or find them.
/// </summary>
public static class PersonalDataMasks
{
    /// <summary>"010-1234-5678" → "*********5678".</summary>
    public static string? Phone(string? phone) =>
        phone is { Length: > 4 } ? new string('*', phone.Length - 4) + phone[^4..] : phone is null ? null : new string('*', phone.Length);

    /// <summary>"hong@example.kr" → "h***@example.kr": the domain stays, the mailbox does not.</summary>
    public static string? Email(string? email)
    {
        if (email is null)
        {
            return null;
        }

        var at = email.LastIndexOf('@');
        return at <= 0 ? new string('*', email.Length) : email[0] + "***" + email[at..];
    }

    /// <summary>"서울특별시 종로구 세종대로 1" → "서울특별시 종로구 ***": the district stays, street and number do not.</summary>
    public static string? Address(string? address)
    {
        if (address is null)
        {
            return null;
        }

        var words = address.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 2 ? "***" : string.Join(' ', words.Take(2)) + " ***";
    }
}
