namespace Layers.Api.OpenApi;

/// <summary>An example of a request body, as JSON: the OpenAPI description shows it with the operation.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequestExampleAttribute(string json) : Attribute
{
    public string Json { get; } = json;
}
