using Treatment.Core.AddressChanges;
using Treatment.Core.Packages;
using Treatment.Core.Petitions;

namespace Treatment.Core.Tests.Petitions;

/// <summary>A package's derived state (decision 021) and the webhook signature's check.</summary>
public sealed class PackageStateAndSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 3, 0, 0, TimeSpan.Zero);

    private static Petition Child(bool decided = false, bool open = true, DateTimeOffset? due = null, ClockState clock = ClockState.Running) => new()
    {
        ReceiptNumber = "r", Title = "t", Body = "b", PetitionerName = "n", WorkflowId = "legal", State = "s",
        DecidedAt = decided ? Now.AddDays(-1) : null, IsOpen = open, DueAt = due ?? Now.AddDays(3), ClockState = clock,
    };

    [Fact]
    public void Derive_FollowsTheChildren()
    {
        // Arrange
        var none = new[] { Child(), Child() };
        var one = new[] { Child(decided: true), Child() };
        var withdrawnAndDecided = new[] { Child(open: false), Child(decided: true) };
        var lateOne = new[] { Child(decided: true), Child(due: Now.AddMinutes(-1)) };
        var pausedPastDue = new[] { Child(due: Now.AddMinutes(-1), clock: ClockState.Paused) };

        // Act
        var states = new[] { none, one, withdrawnAndDecided, lateOne, pausedPastDue }.Select(c => PackageStates.Derive(c, Now)).ToList();

        // Assert
        Assert.Equal((PackageStates.Received, false), states[0]);
        Assert.Equal((PackageStates.PartlyDecided, false), states[1]);
        Assert.Equal((PackageStates.AllDecided, false), states[2]);
        Assert.Equal((PackageStates.PartlyDecided, true), states[3]);
        Assert.Equal((PackageStates.Received, false), states[4]); // a paused clock is not late
    }

    [Fact]
    public void Signature_VerifiesOnlyTheSameSecretBodyAndARecentTimestamp()
    {
        // Arrange
        var secret = WebhookSignature.NewSecret();
        var timestamp = Now.ToUnixTimeSeconds();
        var body = """{"deliveryId":"d","newAddress":"서울특별시 마포구"}""";
        var signature = WebhookSignature.Sign(secret, timestamp, body);
        var ts = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Act
        var genuine = WebhookSignature.Verify(secret, ts, signature, body, Now.AddMinutes(4));
        var otherBody = WebhookSignature.Verify(secret, ts, signature, body.Replace("마포구", "종로구", StringComparison.Ordinal), Now);
        var otherSecret = WebhookSignature.Verify(WebhookSignature.NewSecret(), ts, signature, body, Now);
        var stale = WebhookSignature.Verify(secret, ts, signature, body, Now.AddMinutes(6));

        // Assert
        Assert.StartsWith("v1=", signature, StringComparison.Ordinal);
        Assert.Equal(67, signature.Length);
        Assert.True(genuine);
        Assert.False(otherBody);
        Assert.False(otherSecret);
        Assert.False(stale);
    }
}
