using System.Text.Json;

namespace Layers.Common;

/// <summary>
/// A domain failure that crosses grain boundaries and becomes an API error with a stable code.
/// </summary>
[GenerateSerializer]
[Alias("Layers.LayersException")]
public sealed class LayersException : Exception
{
    public LayersException(ErrorKind code, string message, string? detailsJson = null)
        : base(message)
    {
        Code = code;
        DetailsJson = detailsJson;
    }

    [Id(0)]
    public ErrorKind Code { get; private set; }

    /// <summary>The error's <c>details</c> object as JSON, or null.</summary>
    [Id(1)]
    public string? DetailsJson { get; private set; }

    public static LayersException NotFound(string what = "resource") => new(ErrorKind.NotFound, $"No such {what}.");

    public static LayersException Conflict(string message) => new(ErrorKind.Conflict, message);

    public static LayersException Validation(IReadOnlyCollection<ValidationIssue> issues) =>
        new(ErrorKind.Validation, "The request is invalid.", Details(new { issues }));

    public static LayersException Validation(string path, string message) => Validation([new ValidationIssue(path, message)]);

    public static LayersException WithDetails(ErrorKind code, string message, object details) => new(code, message, Details(details));

    private static string Details(object details) => JsonSerializer.Serialize(details, JsonSerializerOptions.Web);
}
