namespace Layers.ApiKeys;

[GenerateSerializer]
public sealed class ApiKeyIndexState
{
    [Id(0)] public string? ApiKeyId { get; set; }
}
