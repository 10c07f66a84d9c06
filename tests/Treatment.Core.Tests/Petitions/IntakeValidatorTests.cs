using Treatment.Core.Petitions;

namespace Treatment.Core.Tests.Petitions;

public sealed class IntakeValidatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 7, 7, 1, 0, 0, TimeSpan.Zero);

    private static IntakeRequest Valid() => new()
    {
        Kind = PetitionKind.Grievance,
        AgencyCode = "SEOUL-JONGNO",
        Channel = Channel.OnlinePortal,
        Title = "가로등 고장 🚨",
        Body = "골목 가로등이 꺼져 있습니다.\n확인 부탁드립니다.",
        Petitioner = new PetitionerDetails("홍길동", "010-1234-5678", "hong@example.kr", "서울 종로구"),
    };

    [Fact]
    public void Validate_HangulAndEmojiWithLineBreaksInBody_Accepts()
    {
        Assert.Empty(IntakeValidator.Validate(Valid(), Now));
    }

    [Fact]
    public void Validate_TenThousandCharacterTitle_RefusesTitle()
    {
        var errors = IntakeValidator.Validate(Valid() with { Title = new string('가', 10_000) }, Now);

        Assert.Equal(["title"], errors.Keys);
    }

    [Theory]
    [InlineData("제목\u0000")]
    [InlineData("제목\u001b[31m")]
    [InlineData("제목\n둘째 줄")]
    [InlineData("제목\u0085")]
    public void Validate_ControlCharacterOrLoneSurrogateInTitle_RefusesTitle(string title)
    {
        var errors = IntakeValidator.Validate(Valid() with { Title = title }, Now);

        Assert.Contains("title", errors.Keys);
    }

    [Fact]
    public void Validate_LoneSurrogateInTitle_RefusesTitle()
    {
        var errors = IntakeValidator.Validate(Valid() with { Title = "제목" + (char)0xD83D }, Now);

        Assert.Contains("title", errors.Keys);
    }

    [Fact]
    public void Validate_ReceivedAtInTheFuture_RefusesReceivedAt()
    {
        var errors = IntakeValidator.Validate(Valid() with { ReceivedAt = Now.AddMinutes(1) }, Now);

        Assert.Equal(["receivedAt"], errors.Keys);
    }

    [Fact]
    public void Validate_ReceivedAtThreeWeeksAgo_Accepts()
    {
        Assert.Empty(IntakeValidator.Validate(Valid() with { ReceivedAt = Now.AddDays(-21) }, Now));
    }

    [Fact]
    public void Validate_LegalWithoutAffairCode_RefusesAffairCode()
    {
        var errors = IntakeValidator.Validate(Valid() with { Kind = PetitionKind.Legal }, Now);

        Assert.Equal(["affairCode"], errors.Keys);
    }

    [Fact]
    public void Validate_GrievanceWithAffairCode_RefusesAffairCode()
    {
        var errors = IntakeValidator.Validate(Valid() with { AffairCode = "BLD-PERMIT" }, Now);

        Assert.Equal(["affairCode"], errors.Keys);
    }

    [Fact]
    public void Validate_InquisitiveWithoutSubKind_RefusesSubKind()
    {
        var errors = IntakeValidator.Validate(Valid() with { Kind = PetitionKind.Inquisitive }, Now);

        Assert.Equal(["subKind"], errors.Keys);
    }

    [Fact]
    public void Validate_MissingNameAndBadEmail_NamesBothFields()
    {
        var errors = IntakeValidator.Validate(Valid() with { Petitioner = new PetitionerDetails(" ", null, "no-at-sign", null) }, Now);

        Assert.Equal(["petitioner.email", "petitioner.name"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_SqlAndScriptInjectionText_IsAcceptedAsPlainText()
    {
        var request = Valid() with { Title = "'); drop table petitions; --", Body = "<script>alert('x')</script>" };

        Assert.Empty(IntakeValidator.Validate(request, Now));
    }
}
