using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Layers.Api.OpenApi;

/// <summary>
/// The documentation comments of the service's wire types and handlers, read from the documentation files the build
/// writes beside the assemblies: a record's <c>summary</c> and <c>param</c>s describe its schema and properties, a
/// handler's <c>param name="body"</c> its request body, its other <c>param</c>s its query parameters and its
/// <c>returns</c> its success answer.
/// </summary>
public sealed partial class XmlDocs
{
    private readonly Dictionary<string, XElement> _members = new(StringComparer.Ordinal);

    public XmlDocs(IEnumerable<Assembly> assemblies)
    {
        foreach (var assembly in assemblies.Distinct())
        {
            var path = Path.ChangeExtension(assembly.Location, ".xml");
            if (!File.Exists(path))
            {
                continue;
            }

            foreach (var member in XDocument.Load(path).Descendants("member"))
            {
                if (member.Attribute("name")?.Value is { } name)
                {
                    _members[name] = member;
                }
            }
        }
    }

    public int Count => _members.Count;

    public string? Summary(Type type) => Text(Member(type)?.Element("summary"));

    /// <summary>A property's own summary, or the record parameter it comes from.</summary>
    public string? Property(Type type, string propertyName) =>
        Text(_members.GetValueOrDefault($"P:{Name(type)}.{propertyName}")?.Element("summary"))
        ?? Text(Member(type)?.Elements("param").FirstOrDefault(p => p.Attribute("name")?.Value == propertyName));

    public string? Parameter(MethodInfo method, string parameterName) =>
        Text(Member(method)?.Elements("param").FirstOrDefault(p => p.Attribute("name")?.Value == parameterName));

    public string? Returns(MethodInfo method) => Text(Member(method)?.Element("returns"));

    private XElement? Member(Type type) => _members.GetValueOrDefault("T:" + Name(type));

    private XElement? Member(MethodInfo method)
    {
        var prefix = $"M:{Name(method.DeclaringType!)}.{method.Name}";
        return _members.GetValueOrDefault(prefix)
            ?? _members.FirstOrDefault(m => m.Key.StartsWith(prefix + "(", StringComparison.Ordinal)).Value;
    }

    private static string Name(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    /// <summary>The element's text on one line: <c>c</c> as code, <c>see</c> as the name it points at.</summary>
    private static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            text.Append(node switch
            {
                XText plain => plain.Value,
                XElement { Name.LocalName: "c" } code => $"`{code.Value}`",
                XElement { Name.LocalName: "see" } see => see.Attribute("langword")?.Value
                    ?? see.Attribute("cref")?.Value.Split('.', ':')[^1] ?? see.Value,
                XElement other => other.Value,
                _ => "",
            });
        }

        var line = Spaces().Replace(text.ToString(), " ").Trim();
        return line.Length == 0 ? null : line;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
