namespace Layers.ApiKeys;

/// <summary>The rate-limit class of a request: GET is a read, everything else a write.</summary>
public enum RequestClass
{
    Read,
    Write,
}
