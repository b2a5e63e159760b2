using System.Reflection;
using Layers.ApiKeys;

namespace Layers.Api.Auth;

/// <summary>The authenticated partner behind a request; handlers take it as a parameter.</summary>
public sealed record Caller(ApiKeyInfo Key)
{
    public string OrganizationId => Key.OrganizationId;

    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Caller?>(context.Features.Get<Caller>()
            ?? throw new InvalidOperationException("The endpoint has no partner access requirement."));
}
