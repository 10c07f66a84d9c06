using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Treatment.Web.Hosting;

/// <summary>
/// Hangfire's logging through the host's logger factory. Hangfire keeps its log provider and many loggers in
/// process-wide statics, so a process that builds and disposes several hosts (the integration tests) would otherwise
/// reach a disposed factory: after disposal its messages are dropped instead.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new DisposalTolerantLog(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new DisposalTolerantLog(null);
        }
    }

    private sealed class DisposalTolerantLog(ILog? inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner?.Log(logLevel, messageFunc!, exception) ?? false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
