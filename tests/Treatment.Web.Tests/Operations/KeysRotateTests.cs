using Microsoft.EntityFrameworkCore;
using Treatment.Core.Security;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Operations;

/// <summary>`treatment keys rotate`: every resident number ends under the new key, in resumable batches, readable with it alone.</summary>
[Collection(OperationsCollection.Name)]
public sealed class KeysRotateTests(TreatmentApp app)
{
    private static readonly string OldKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 3)).ToArray());
    private static readonly string NewKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 13 + 11)).ToArray());

    [Fact]
    public async Task KeysRotate_InBatches_ResumesAndLeavesEverythingUnderTheNewKey()
    {
        // Arrange: two petitions under the old key, one from before key ids (no id), one with it.
        var old = new PersonalDataProtector(OldKey);
        var numbers = new[] { "900101-1234567", "851231-2345678" };
        var ids = new List<long>();
        await using (var db = app.CreateDbContext())
        {
            for (var i = 0; i < numbers.Length; i++)
            {
                var petition = await TestData.CreatePetitionAsync(db, title: "주민번호 재암호화 " + i);
                petition.PetitionerRrnCipher = old.Encrypt(numbers[i]);
                petition.PetitionerRrnKeyId = i == 0 ? null : old.CurrentKeyId;
                ids.Add(petition.Id);
            }

            await db.SaveChangesAsync();

            // An agency's document-signing key, encrypted with the same personal-data key.
            var agencyWithoutKey = await db.Agencies.Where(a => !db.AgencySigningKeys.Any(k => k.AgencyId == a.Id)).Select(a => a.Id).FirstAsync();
            db.AgencySigningKeys.Add(new Treatment.Core.Documents.AgencySigningKey
            {
                AgencyId = agencyWithoutKey,
                KeyId = "rotate-" + agencyWithoutKey,
                PublicKey = "unused",
                PrivateKeyCipher = old.Encrypt("pkcs8-of-the-agency"),
                PrivateKeyProtectorId = old.CurrentKeyId,
            });
            await db.SaveChangesAsync();
        }

        var settings = new Dictionary<string, string> { ["Treatment__PersonalDataKey"] = NewKey, ["Treatment__PreviousPersonalDataKeys__0"] = OldKey };

        // Act: one batch of one, then the rest.
        var first = await CliRunner.RunAsync(app.ConnectionString, settings, "", "keys", "rotate", "--batch-size", "1", "--batches", "1");
        var rest = await CliRunner.RunAsync(app.ConnectionString, settings, "", "keys", "rotate");
        var again = await CliRunner.RunAsync(app.ConnectionString, settings, "", "keys", "rotate");

        // Assert
        Assert.True(first.Code == 0, first.Error);
        Assert.Matches(@"^re-encrypted 1 resident number\(s\) with key [0-9a-f]{16}; [1-9][0-9]* left under older keys", first.Output);
        Assert.True(rest.Code == 0, rest.Error);
        Assert.EndsWith("; 0 left under older keys\n", rest.Output, StringComparison.Ordinal);
        Assert.StartsWith("re-encrypted 0 ", again.Output, StringComparison.Ordinal);
        var fresh = new PersonalDataProtector(NewKey);
        await using var check = app.CreateDbContext();
        var rows = await check.Petitions.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync();
        Assert.All(rows, r => Assert.Equal(fresh.CurrentKeyId, r.PetitionerRrnKeyId));
        Assert.Equal(numbers, rows.Select(r => fresh.Decrypt(r.PetitionerRrnCipher!, r.PetitionerRrnKeyId)));
        Assert.False(await check.Petitions.AnyAsync(p => p.PetitionerRrnCipher != null && p.PetitionerRrnKeyId != fresh.CurrentKeyId));
        var signingKeys = await check.AgencySigningKeys.AsNoTracking().ToListAsync();
        Assert.All(signingKeys, k => Assert.Equal(fresh.CurrentKeyId, k.PrivateKeyProtectorId));
        Assert.Equal("pkcs8-of-the-agency", fresh.Decrypt(signingKeys.Single(k => k.KeyId.StartsWith("rotate-", StringComparison.Ordinal)).PrivateKeyCipher, fresh.CurrentKeyId));
        Assert.Contains("agency document-signing key(s)", first.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysRotate_OldKeyNotConfigured_FailsInOneLineAndChangesNothing()
    {
        await using (var db = app.CreateDbContext())
        {
            var petition = await TestData.CreatePetitionAsync(db, title: "열쇠 없음");
            var stranger = new PersonalDataProtector(Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(255 - i)).ToArray()));
            petition.PetitionerRrnCipher = stranger.Encrypt("700101-1111111");
            petition.PetitionerRrnKeyId = stranger.CurrentKeyId;
            await db.SaveChangesAsync();
        }

        var (code, _, error) = await CliRunner.RunAsync(app.ConnectionString, new Dictionary<string, string> { ["Treatment__PersonalDataKey"] = NewKey }, "", "keys", "rotate");

        Assert.Equal(1, code);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains("PreviousPersonalDataKeys", error, StringComparison.Ordinal);
        await using var check = app.CreateDbContext();
        await check.Petitions.Where(p => p.Title == "열쇠 없음").ExecuteDeleteAsync();
    }

    [Fact]
    public void Protector_RowWithoutKeyId_ReadWithWhicheverKnownKeyAuthenticatesIt()
    {
        var cipher = new PersonalDataProtector(OldKey).Encrypt("900101-1234567");

        var plain = new PersonalDataProtector(NewKey, [OldKey]).Decrypt(cipher, keyId: null);

        Assert.Equal("900101-1234567", plain);
    }
}
