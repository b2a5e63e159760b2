using Layers.Common;

namespace Layers.Api.Http;

/// <summary>Collects every problem of a request, then fails once with all of them.</summary>
public sealed class Validator
{
    private readonly List<ValidationIssue> _issues = [];

    public bool IsValid => _issues.Count == 0;

    public Validator Add(string path, string message)
    {
        _issues.Add(new ValidationIssue(path, message));
        return this;
    }

    public Validator Check(bool ok, string path, string message) => ok ? this : Add(path, message);

    /// <summary>Checks an optional (or required) text's length after trimming; returns the trimmed text.</summary>
    public string? Text(string? value, string path, int maxLength, bool required = false, int minLength = 1)
    {
        if (value is null)
        {
            if (required)
            {
                Add(path, "Required.");
            }

            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length < minLength || trimmed.Length > maxLength)
        {
            Add(path, minLength == maxLength ? $"Must be {maxLength} characters." : $"Must be {minLength}–{maxLength} characters.");
        }

        return trimmed;
    }

    public void ThrowIfInvalid()
    {
        if (_issues.Count > 0)
        {
            throw LayersException.Validation(_issues);
        }
    }
}
