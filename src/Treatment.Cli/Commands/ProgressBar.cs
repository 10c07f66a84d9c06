namespace Treatment.Cli.Commands;

/// <summary>A one-line progress bar on standard error, redrawn in place; silent when the fraction did not move a step.</summary>
internal sealed class ProgressBar(TextWriter error, string label) : IProgress<double>
{
    private const int Width = 30;
    private readonly object _gate = new();
    private int _drawn = -1;

    public void Report(double value)
    {
        var percent = (int)Math.Clamp(value * 100, 0, 100);
        lock (_gate)
        {
            if (percent == _drawn)
            {
                return;
            }

            _drawn = percent;
            var filled = percent * Width / 100;
            error.Write($"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%");
            if (percent == 100)
            {
                error.WriteLine();
            }

            error.Flush();
        }
    }
}
