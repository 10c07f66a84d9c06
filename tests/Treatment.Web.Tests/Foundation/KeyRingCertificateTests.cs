using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Treatment.Web.Tests.Api;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Foundation;

/// <summary>With Treatment:DataProtection:CertificatePath set, the key ring in PostgreSQL holds only encrypted keys.</summary>
public sealed class KeyRingCertificateTests : IAsyncLifetime
{
    private readonly string _certificatePath = Path.Combine(Path.GetTempPath(), $"treatment-keyring-{Guid.NewGuid():N}.pfx");
    private TreatmentApp _app = null!;

    public async Task InitializeAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Treatment key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await File.WriteAllBytesAsync(_certificatePath, certificate.Export(X509ContentType.Pfx, "key-ring-test"));
        _app = new TreatmentApp
        {
            Settings = new()
            {
                ["Treatment:DataProtection:CertificatePath"] = _certificatePath,
                ["Treatment:DataProtection:CertificatePassword"] = "key-ring-test",
            },
        };
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        File.Delete(_certificatePath);
    }

    [Fact]
    public async Task KeyRing_WithCertificate_StoresKeysEncrypted_AndTokensStillWork()
    {
        // Act: issuing a token creates the first key
        var client = await ApiClient.OfficialAsync(_app);
        var response = await client.GetAsync("/api/v1/petitions?limit=1");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = _app.CreateDbContext();
        var keys = await db.DataProtectionKeys.AsNoTracking().ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, k =>
        {
            Assert.Contains("encryptedSecret", k.Xml!, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", k.Xml!, StringComparison.Ordinal);
        });
    }
}
