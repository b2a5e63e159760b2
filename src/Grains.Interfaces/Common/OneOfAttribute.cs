using System.Reflection;

namespace Layers.Common;

/// <summary>
/// The closed set of values a wire field takes (for a list, each item): written into the OpenAPI description as an
/// <c>enum</c>. Either the values themselves, or a static list of them (<c>All</c> unless named).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class OneOfAttribute : Attribute
{
    public OneOfAttribute(params string[] values) => Values = values;

    public OneOfAttribute(Type source, string member = "All")
    {
        ArgumentNullException.ThrowIfNull(source);
        var list = source.GetField(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            ?? source.GetProperty(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        Values = list is IEnumerable<string> values ? [.. values] : throw new ArgumentException($"{source.Name}.{member} is not a list of strings.", nameof(member));
    }

    public IReadOnlyList<string> Values { get; }
}
