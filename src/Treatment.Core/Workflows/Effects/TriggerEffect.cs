using Treatment.Core.Petitions;

namespace Treatment.Core.Workflows.Effects;

/// <summary>
/// What a trigger does beyond its state and clock, named in the definition's companion file
/// (workflows/&lt;kind&gt;/v&lt;N&gt;.effects.yaml) and found here by that name, as guards are.
/// </summary>
public abstract class TriggerEffect
{
    /// <summary>The YAML name.</summary>
    public abstract string Name { get; }

    public abstract LocalizedText Description { get; }

    /// <summary>Inputs the trigger must declare, so that the effect has what it reads (checked by the loader).</summary>
    public virtual IReadOnlyList<string> RequiredInputs => [];

    /// <summary>Limits the definition must declare, so that the effect has the period it reads (checked by the loader).</summary>
    public virtual IReadOnlyList<string> RequiredLimits => [];

    /// <summary>The report fact (<see cref="Reports.RollupMeasures"/>) one event of the trigger counts, or null.</summary>
    public virtual string? Measure => null;

    /// <summary>The fact is kept per affair rather than per kind (the simplification candidates read it so).</summary>
    public virtual bool MeasureByAffair => false;

    /// <summary>The event is a decision on an objection, also counted as on time when made by the due (Act §35②).</summary>
    public virtual bool DecidesObjection => false;

    /// <summary>Changes the petition's own columns; most effects only count.</summary>
    public virtual void Apply(Petition petition, TriggerInputs inputs, DateOnly today)
    {
    }
}

/// <summary>An effect that only counts a report fact.</summary>
public abstract class CountingEffect(string name, string measure, string ko, string en) : TriggerEffect
{
    public override string Name => name;

    public override LocalizedText Description { get; } = new(ko, en);

    public override string? Measure => measure;
}
