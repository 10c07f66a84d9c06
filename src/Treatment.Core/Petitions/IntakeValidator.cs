namespace Treatment.Core.Petitions;

/// <summary>Checks an intake request on its own (lengths, characters, dates, kind-specific fields); lookups come after.</summary>
public static class IntakeValidator
{
    public static Dictionary<string, string[]> Validate(IntakeRequest request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Check(string field, string? value, int max, bool multiline, bool required)
        {
            if (TextRules.Check(value, max, multiline, required) is { } message)
            {
                errors[field] = [message];
            }
        }

        if (!Enum.IsDefined(request.Kind))
        {
            errors["kind"] = ["legal, inquisitive, recommendatory, grievance, other 중 하나여야 합니다. (unknown kind)"];
        }

        if (!Enum.IsDefined(request.Channel))
        {
            errors["channel"] = ["알 수 없는 접수 경로입니다. (unknown channel)"];
        }

        Check("agencyCode", request.AgencyCode, IntakeLimits.Code, multiline: false, required: true);
        Check("title", request.Title, IntakeLimits.Title, multiline: false, required: true);
        Check("body", request.Body, IntakeLimits.Body, multiline: true, required: true);
        Check("subKind", request.SubKind, IntakeLimits.Code, multiline: false, required: request.Kind == PetitionKind.Inquisitive);
        if (request.Kind is PetitionKind.Legal or PetitionKind.PriorExamination)
        {
            Check("affairCode", request.AffairCode, IntakeLimits.Code, multiline: false, required: true);
        }
        else if (request.AffairCode is not null)
        {
            errors["affairCode"] = ["법정민원에만 사무 코드를 씁니다. (only legal petitions name an affair)"];
        }

        Check("priorExaminationReceiptNumber", request.PriorExaminationReceiptNumber, IntakeLimits.Code, multiline: false, required: false);
        if (request.PriorExaminationReceiptNumber is not null && request.Kind != PetitionKind.Legal)
        {
            errors["priorExaminationReceiptNumber"] = ["사전심사는 법정민원에만 이어집니다. (only a legal petition follows a prior examination)"];
        }

        var petitioner = request.Petitioner;
        Check("petitioner.name", petitioner.Name, IntakeLimits.Name, multiline: false, required: true);
        Check("petitioner.phone", petitioner.Phone, IntakeLimits.Phone, multiline: false, required: false);
        Check("petitioner.email", petitioner.Email, IntakeLimits.Email, multiline: false, required: false);
        Check("petitioner.address", petitioner.Address, IntakeLimits.Address, multiline: false, required: false);
        if (petitioner.Email is { Length: > 0 } email && !errors.ContainsKey("petitioner.email") && (email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@')))
        {
            errors["petitioner.email"] = ["전자우편 주소 형식이 아닙니다. (not an e-mail address)"];
        }

        if (petitioner.NoticeChannel is { } noticeChannel && !Notices.NoticeChannels.IsKnown(noticeChannel))
        {
            errors["petitioner.noticeChannel"] = ["email, sms, alimtalk, paper, in-person 중 하나여야 합니다. (one of email, sms, alimtalk, paper, in-person)"];
        }
        else if (petitioner.NoticeChannel is { } chosen && chosen != Notices.NoticeChannels.InPerson
                 && Notices.NoticeChannels.Recipient(new Petition { ReceiptNumber = "", Title = "", Body = "", PetitionerName = "", WorkflowId = "", State = "", PetitionerEmail = petitioner.Email, PetitionerPhone = petitioner.Phone, PetitionerAddress = petitioner.Address }, chosen) is null)
        {
            errors["petitioner.noticeChannel"] = ["고른 통지 방법의 연락처(전자우편, 휴대전화 또는 주소)가 필요합니다. (the chosen notice channel needs its e-mail, phone or address)"];
        }

        if (petitioner.ResidentNumber is { } rrn && (rrn.Length > 14 || TextRules.HasForbiddenCharacters(rrn, multiline: false)))
        {
            errors["petitioner.residentNumber"] = ["주민등록번호 형식이 아닙니다. (not a resident registration number)"];
        }

        if (request.ReceivedAt is { } received)
        {
            if (received > now)
            {
                errors["receivedAt"] = ["접수 일시는 미래일 수 없습니다. (receivedAt cannot be in the future)"];
            }
            else if (received < now - IntakeLimits.MaxBackdating)
            {
                errors["receivedAt"] = ["접수 일시가 너무 오래되었습니다(1년 이내). (receivedAt is more than a year ago)"];
            }
        }

        if (request.Copies is < 1 or > 10_000)
        {
            errors["copies"] = ["1~10,000부여야 합니다. (1 to 10,000 copies)"];
        }

        if (request.SignerCount is < 1 or > 1_000_000)
        {
            errors["signerCount"] = ["1 이상이어야 합니다. (at least 1)"];
        }

        if (request.HouseholdCount is < 1 or > 1_000_000)
        {
            errors["householdCount"] = ["1 이상이어야 합니다. (at least 1)"];
        }

        if (request.Representatives.Count > 0 && ManyPerson.ManyPersonService.Validate(request.Representatives, request.SignerCount)?.Fields is { } representativeErrors)
        {
            foreach (var (field, messages) in representativeErrors)
            {
                errors[field] = messages;
            }
        }

        if (request.Attachments.Count > IntakeLimits.Attachments)
        {
            errors["attachments"] = [$"첨부는 {IntakeLimits.Attachments}개까지입니다. (at most {IntakeLimits.Attachments} attachments)"];
        }

        for (var i = 0; i < Math.Min(request.Attachments.Count, IntakeLimits.Attachments); i++)
        {
            var a = request.Attachments[i];
            Check($"attachments[{i}].fileName", a.FileName, IntakeLimits.FileName, multiline: false, required: true);
            Check($"attachments[{i}].contentType", a.ContentType, 100, multiline: false, required: false);
            if (a.Size is < 0)
            {
                errors[$"attachments[{i}].size"] = ["0 이상이어야 합니다. (must not be negative)"];
            }
        }

        return errors;
    }
}
