using Treatment.Core.Clock;

namespace Treatment.Core.Workflows;

public enum ClockEffectKind
{
    None,
    Start,
    Pause,
    Resume,
    Extend,
    Stop,

    /// <summary>A new period starts from this transition (e.g. the 10-day objection decision, Decree §40).</summary>
    Restart,
}

/// <summary>What a transition does to the treatment clock; carried out by the service, never inside Stateless.</summary>
/// <param name="Exclusion">the excluded-period type when pausing (rulebook §3.1)</param>
/// <param name="Limit">for restart: the name of the limit giving the new period</param>
public sealed record ClockEffect(ClockEffectKind Kind, ExclusionType? Exclusion = null, string? Limit = null)
{
    public static readonly ClockEffect None = new(ClockEffectKind.None);

    /// <summary>Parses none, start, pause:&lt;ExclusionType&gt;, resume, extend, stop, restart:&lt;limit&gt;.</summary>
    public static bool TryParse(string? text, out ClockEffect effect, out string error)
    {
        effect = None;
        error = "";
        var t = (text ?? "none").Trim();
        var colon = t.IndexOf(':');
        var head = colon < 0 ? t : t[..colon];
        var arg = colon < 0 ? null : t[(colon + 1)..].Trim();
        switch (head)
        {
            case "none" when arg is null:
                return true;
            case "start" when arg is null:
                effect = new(ClockEffectKind.Start);
                return true;
            case "resume" when arg is null:
                effect = new(ClockEffectKind.Resume);
                return true;
            case "extend" when arg is null:
                effect = new(ClockEffectKind.Extend);
                return true;
            case "stop" when arg is null:
                effect = new(ClockEffectKind.Stop);
                return true;
            case "pause":
                if (arg is not null && Enum.TryParse<ExclusionType>(arg, ignoreCase: false, out var type) && Enum.IsDefined(type))
                {
                    effect = new(ClockEffectKind.Pause, type);
                    return true;
                }

                error = $"unknown exclusion type '{arg}' (one of {string.Join(", ", Enum.GetNames<ExclusionType>())})";
                return false;
            case "restart":
                if (!string.IsNullOrEmpty(arg))
                {
                    effect = new(ClockEffectKind.Restart, Limit: arg);
                    return true;
                }

                error = "restart needs a limit name: restart:<limit>";
                return false;
            default:
                error = $"unknown clock effect '{t}' (none, start, pause:<ExclusionType>, resume, extend, stop, restart:<limit>)";
                return false;
        }
    }

    public override string ToString() => Kind switch
    {
        ClockEffectKind.Pause => $"pause:{Exclusion}",
        ClockEffectKind.Restart => $"restart:{Limit}",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
