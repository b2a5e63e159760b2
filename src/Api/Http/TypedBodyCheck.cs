using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Layers.Common;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Layers.Api.Http;

/// <summary>
/// Finds every field of a typed JSON body whose value has the wrong type, before the body is bound. Binding alone
/// stops at the first such field; here each one becomes a validation issue, the field is left out of the body the
/// handler binds, and the handler's own <see cref="Validator"/> starts with these issues, so one <c>422</c> names
/// every bad field, wrong types and broken rules together. No handler acts on a body with such a field: its
/// validator always fails.
/// </summary>
public sealed class TypedBodyCheck(RequestDelegate next, IOptions<JsonOptions> json)
{
    private const string WrongType = "The value has the wrong type.";

    public async Task InvokeAsync(HttpContext context)
    {
        var bodyType = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (bodyType is null || bodyType == typeof(JsonElement) || !context.Request.HasJsonContentType()
            || context.Request.ContentLength == 0)
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            // Not JSON at all: binding reports it.
            body = null;
        }

        if (body is not JsonObject root)
        {
            context.Request.Body.Position = 0;
            await next(context);
            return;
        }

        var options = json.Value.SerializerOptions;
        var issues = new List<ValidationIssue>();
        Clean(root, options.GetTypeInfo(Nullable.GetUnderlyingType(bodyType) ?? bodyType), "", options, issues);
        if (issues.Count == 0)
        {
            context.Request.Body.Position = 0;
            await next(context);
            return;
        }

        context.Request.Body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(root));
        context.Request.ContentLength = context.Request.Body.Length;
        using (BodyIssues.Begin(issues))
        {
            await next(context);
        }
    }

    /// <summary>Removes what cannot bind from <paramref name="node"/> (an object or array), noting each removal.</summary>
    private static void Clean(JsonNode node, JsonTypeInfo info, string path, JsonSerializerOptions options, List<ValidationIssue> issues)
    {
        if (node is JsonObject obj && info.Kind == JsonTypeInfoKind.Object)
        {
            foreach (var (name, value) in obj.ToList())
            {
                var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, name,
                    options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
                if (property is null)
                {
                    continue;
                }

                var propertyPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                if (value is null)
                {
                    if (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null)
                    {
                        issues.Add(new ValidationIssue(propertyPath, WrongType));
                        obj.Remove(name);
                    }
                }
                else if (!Fits(value, property.PropertyType, propertyPath, options, issues))
                {
                    obj.Remove(name);
                }
            }
        }
        else if (node is JsonArray array && info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } elementType)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is { } element && !Fits(element, elementType, $"{path}[{i}]", options, issues))
                {
                    // Removing an element would renumber the rest; the caller drops the whole array instead.
                    throw new UnfitElement();
                }
            }
        }
    }

    /// <summary>Whether <paramref name="value"/> binds to <paramref name="type"/> once its own bad parts are removed.</summary>
    private static bool Fits(JsonNode value, Type type, string path, JsonSerializerOptions options, List<ValidationIssue> issues)
    {
        if (Binds(value, type, options) is not { } exception)
        {
            return true;
        }

        var info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
        if ((value is JsonObject && info.Kind == JsonTypeInfoKind.Object) || (value is JsonArray && info.Kind == JsonTypeInfoKind.Enumerable))
        {
            var before = issues.Count;
            try
            {
                Clean(value, info, path, options, issues);
            }
            catch (UnfitElement)
            {
                return false;
            }

            if (issues.Count > before)
            {
                return Binds(value, type, options) is null;
            }
        }

        issues.Add(new ValidationIssue(path, Describe(value, exception)));
        return false;
    }

    /// <summary>Null when <paramref name="value"/> binds to <paramref name="type"/>; else why not.</summary>
    private static Exception? Binds(JsonNode value, Type type, JsonSerializerOptions options)
    {
        try
        {
            value.Deserialize(type, options);
            return null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or NotSupportedException)
        {
            return exception;
        }
    }

    private static string Describe(JsonNode value, Exception exception)
    {
        if (exception is InvalidOperationException && value.GetValueKind() == JsonValueKind.String)
        {
            // An escaped lone surrogate ("\ud800") cannot become a string.
            return JsonText.NotUnicode;
        }

        if (exception.Message.StartsWith(WireJson.TimestampExpectation, StringComparison.Ordinal))
        {
            return WireJson.TimestampExpectation;
        }

        return exception.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "Not a known field." : WrongType;
    }

    private sealed class UnfitElement : Exception;
}

/// <summary>
/// The wrong-type issues <see cref="TypedBodyCheck"/> found in the current request's body, handed to the first
/// <see cref="Validator"/> the handler makes.
/// </summary>
public static class BodyIssues
{
    private static readonly AsyncLocal<Holder?> Current = new();

    public static IDisposable Begin(IReadOnlyList<ValidationIssue> issues)
    {
        var holder = new Holder(issues);
        Current.Value = holder;
        return holder;
    }

    /// <summary>The issues not yet taken; empty after the first call in a request.</summary>
    public static IReadOnlyList<ValidationIssue> Take()
    {
        var holder = Current.Value;
        return holder is null ? [] : Interlocked.Exchange(ref holder.Issues, null) ?? [];
    }

    private sealed class Holder(IReadOnlyList<ValidationIssue> issues) : IDisposable
    {
        public IReadOnlyList<ValidationIssue>? Issues = issues;

        public void Dispose()
        {
            Issues = null;
            Current.Value = null;
        }
    }
}
