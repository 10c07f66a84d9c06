namespace Treatment.Core.BackOffice;

/// <summary>The actor's role or scope does not allow the request; the host answers 403.</summary>
public sealed class BackOfficeForbiddenException(string message) : Exception(message);
