namespace Treatment.Core.Notices;

/// <summary>A notice rendered once: plain text (mail, SMS, print) and HTML (screens), both ending with the verification code.</summary>
public sealed record RenderedNotice(string Html, string Text);
