namespace Treatment.Core.Clock;

/// <summary>A calendar data file that cannot be used; the message names the file and the line.</summary>
public sealed class CalendarFileException(string file, long line, string problem)
    : Exception($"{file}:{line}: {problem}")
{
    public string File { get; } = file;

    public long Line { get; } = line;

    public string Problem { get; } = problem;
}
