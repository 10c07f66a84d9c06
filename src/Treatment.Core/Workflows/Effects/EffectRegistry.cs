using System.Collections.Frozen;

namespace Treatment.Core.Workflows.Effects;

/// <summary>All trigger effects by YAML name, found by reflection so that a new effect is one new class.</summary>
public sealed class EffectRegistry
{
    private readonly FrozenDictionary<string, TriggerEffect> _effects;

    public EffectRegistry(IEnumerable<TriggerEffect> effects) =>
        _effects = effects.ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);

    public static EffectRegistry Default { get; } = new(Guards.GuardRegistry.LoadableTypes(typeof(TriggerEffect).Assembly)
        .Where(t => typeof(TriggerEffect).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Select(t => (TriggerEffect)Activator.CreateInstance(t)!));

    public IEnumerable<string> Names => _effects.Keys.Order(StringComparer.Ordinal);

    public IEnumerable<TriggerEffect> All => _effects.Values.OrderBy(e => e.Name, StringComparer.Ordinal);

    public bool TryGet(string name, out TriggerEffect effect) => _effects.TryGetValue(name, out effect!);
}
