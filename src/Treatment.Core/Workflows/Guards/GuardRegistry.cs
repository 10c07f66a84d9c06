using System.Collections.Frozen;
using System.Reflection;

namespace Treatment.Core.Workflows.Guards;

/// <summary>All guards by YAML name, found by reflection so that a new guard is one new class.</summary>
public sealed class GuardRegistry
{
    private readonly FrozenDictionary<string, IWorkflowGuard> _guards;

    public GuardRegistry(IEnumerable<IWorkflowGuard> guards) =>
        _guards = guards.ToFrozenDictionary(g => g.Name, StringComparer.Ordinal);

    public static GuardRegistry Default { get; } = new(LoadableTypes(typeof(IWorkflowGuard).Assembly)
        .Where(t => typeof(IWorkflowGuard).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Select(t => (IWorkflowGuard)Activator.CreateInstance(t)!));

    /// <summary>Guards must load even where an optional dependency of another type in the assembly is absent (tools, scripts).</summary>
    internal static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }

    public IEnumerable<string> Names => _guards.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string name, out IWorkflowGuard guard) => _guards.TryGetValue(name, out guard!);

    public IWorkflowGuard Get(string name) => _guards[name];
}
