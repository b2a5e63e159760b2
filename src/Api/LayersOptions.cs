using System.ComponentModel.DataAnnotations;

namespace Layers.Api;

/// <summary>Service settings (configuration section <c>Layers</c>).</summary>
public sealed class LayersOptions
{
    public const string SectionName = "Layers";

    /// <summary>
    /// Bearer token of the operator API. Required outside trial mode; in trial mode one is generated at start and
    /// printed once when none is set.
    /// </summary>
    [Required(ErrorMessage = "Layers:AdminToken must be set outside trial mode.")]
    [MinLength(16, ErrorMessage = "Layers:AdminToken must be at least 16 characters.")]
    public string? AdminToken { get; set; }

    /// <summary>The service's public base URL; OAuth redirect URIs are built from it. Default http://localhost:8080.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:8080";
}
