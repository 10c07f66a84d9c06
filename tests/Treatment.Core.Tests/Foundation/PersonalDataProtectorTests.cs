using System.Security.Cryptography;
using System.Text;
using Treatment.Core.Security;

namespace Treatment.Core.Tests.Foundation;

public sealed class PersonalDataProtectorTests
{
    private static readonly PersonalDataProtector Protector = new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    [Fact]
    public void EncryptDecrypt_ResidentNumber_RoundTripsAndCipherHidesDigits()
    {
        var cipher = Protector.Encrypt("900101-1234567");

        Assert.Equal("900101-1234567", Protector.Decrypt(cipher));
        Assert.DoesNotContain("1234567", Encoding.UTF8.GetString(cipher), StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypt_SameValueTwice_DiffersBecauseOfFreshNonce()
    {
        Assert.NotEqual(Protector.Encrypt("900101-1234567"), Protector.Encrypt("900101-1234567"));
    }

    [Fact]
    public void Decrypt_TamperedCipher_Throws()
    {
        var cipher = Protector.Encrypt("900101-1234567");
        cipher[^1] ^= 0xFF;

        Assert.ThrowsAny<CryptographicException>(() => Protector.Decrypt(cipher));
    }

    [Theory]
    [InlineData("900101-1234567", "900101-1******")]
    [InlineData("9001011234567", "900101-1******")]
    [InlineData("12", "******-*******")]
    public void MaskResidentNumber_Various_ShowsOnlyBirthDateAndSexDigit(string rrn, string masked)
    {
        Assert.Equal(masked, PersonalDataProtector.MaskResidentNumber(rrn));
    }

    [Theory]
    [InlineData("홍길동", "홍*동")]
    [InlineData("김철", "김*")]
    [InlineData("남궁민수", "남**수")]
    public void MaskName_KoreanNames_HidesMiddle(string name, string masked)
    {
        Assert.Equal(masked, PersonalDataProtector.MaskName(name));
    }

    [Fact]
    public void Constructor_ShortKey_ThrowsClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PersonalDataProtector(Convert.ToBase64String(new byte[16])));
        Assert.Contains("32 bytes", ex.Message, StringComparison.Ordinal);
    }
}
