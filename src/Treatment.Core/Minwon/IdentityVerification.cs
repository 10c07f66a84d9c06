using Treatment.Core.Workflows;

namespace Treatment.Core.Minwon;

/// <summary>What a citizen offers to prove who they are (본인인증): name, phone, resident number when the affair needs it, and the one-time code.</summary>
public sealed record IdentityClaim(string Name, string? Phone, string? ResidentNumber, string OneTimeCode);

public sealed record IdentityCheck(bool Verified, LocalizedText? Refusal = null)
{
    public static IdentityCheck Pass { get; } = new(true);
}

/// <summary>
/// Identity verification before a document about a person is issued to that person (Act §27④; in practice a mobile
/// carrier, joint certificate or simple-authentication provider). Pluggable: the host registers one implementation.
/// </summary>
public interface IIdentityVerifier
{
    /// <summary>True for an implementation that proves nothing (shown on the page so no one mistakes it for a real check).</summary>
    bool IsDemo { get; }

    Task<IdentityCheck> VerifyAsync(IdentityClaim claim, CancellationToken ct);
}

/// <summary>
/// DEMO ONLY — proves nothing: accepts the fixed code <see cref="DemoCode"/> for any name. Registered only when demo
/// data is seeded; a production host without a real verifier gets <see cref="NoIdentityVerifier"/>.
/// </summary>
public sealed class DemoIdentityVerifier : IIdentityVerifier
{
    public const string DemoCode = "000000";

    public bool IsDemo => true;

    public Task<IdentityCheck> VerifyAsync(IdentityClaim claim, CancellationToken ct) =>
        Task.FromResult(claim.OneTimeCode.Trim() == DemoCode
            ? IdentityCheck.Pass
            : new IdentityCheck(false, new LocalizedText("인증번호가 맞지 않습니다. (데모: 000000)", "The verification code does not match. (demo: 000000)")));
}

/// <summary>No verifier configured: the window refuses applications that need one rather than issue without a check.</summary>
public sealed class NoIdentityVerifier : IIdentityVerifier
{
    public bool IsDemo => false;

    public Task<IdentityCheck> VerifyAsync(IdentityClaim claim, CancellationToken ct) =>
        Task.FromResult(new IdentityCheck(false, new LocalizedText("본인인증 수단이 설정되지 않아 신청을 받을 수 없습니다.", "No identity verification is configured: applications cannot be taken.")));
}
