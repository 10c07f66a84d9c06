namespace Treatment.Core.Notices;

/// <summary>A notice template that does not parse or render; the message names file and line, and start-up stops.</summary>
public sealed class NoticeTemplateException(string message) : Exception(message);
