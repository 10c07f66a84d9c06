namespace Treatment.Core.Petitions;

/// <summary>Checks on free text shared by intake and actions: control characters are refused, line breaks and tabs only where text is multi-line.</summary>
public static class TextRules
{
    /// <summary>True when the text holds a control character (C0, DEL, C1) other than the allowed line breaks and tab, or a lone surrogate.</summary>
    public static bool HasForbiddenCharacters(string text, bool multiline)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return true;
                }

                i++;
                continue;
            }

            if (char.IsLowSurrogate(c))
            {
                return true;
            }

            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Length in text elements would count emoji as one, but storage limits are in UTF-16 units, so those are counted.</summary>
    public static string? Check(string? text, int max, bool multiline, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? "필수 항목입니다. (required)" : null;
        }

        if (text.Length > max)
        {
            return $"{max}자 이하여야 합니다. (at most {max} characters)";
        }

        return HasForbiddenCharacters(text, multiline) ? "제어 문자는 쓸 수 없습니다. (control characters are not allowed)" : null;
    }
}
