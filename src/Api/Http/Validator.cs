using Layers.Common;

namespace Layers.Api.Http;

/// <summary>Collects every problem of a request, then fails once with all of them.</summary>
public sealed class Validator
{
    private readonly List<ValidationIssue> _issues;

    /// <summary>Fields of the body that had the wrong type and were left out of it (see <see cref="TypedBodyCheck"/>).</summary>
    private readonly IReadOnlyList<ValidationIssue> _unbound;

    public Validator()
    {
        _unbound = BodyIssues.Take();
        _issues = [.. _unbound];
    }

    public bool IsValid => _issues.Count == 0;

    public Validator Add(string path, string message)
    {
        // A field left out for its type is reported once, as such, not again as missing or as part of its parent.
        if (_unbound.Any(u => path == u.Path || path.StartsWith(u.Path + ".", StringComparison.Ordinal)
            || path.StartsWith(u.Path + "[", StringComparison.Ordinal) || u.Path.StartsWith(path + "[", StringComparison.Ordinal)))
        {
            return this;
        }

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
