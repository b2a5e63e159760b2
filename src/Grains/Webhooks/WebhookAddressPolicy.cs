using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Layers.Webhooks;

/// <summary>
/// Which addresses webhooks may reach. Checked when an endpoint URL is set (a clear 422) and again on every new
/// connection: the connection goes to the address that was checked, never to a second resolution, so a DNS answer
/// that changes between check and connect (rebinding) gains nothing.
/// </summary>
public sealed class WebhookAddressPolicy(IOptions<WebhookOptions> options) : IWebhookAddressCheck
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Instance metadata services of the large clouds (AWS, GCP, Azure, Oracle, Alibaba, ECS tasks).</summary>
    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"), IPAddress.Parse("169.254.170.2"), IPAddress.Parse("169.254.169.123"),
        IPAddress.Parse("100.100.100.200"), IPAddress.Parse("192.0.0.192"), IPAddress.Parse("fd00:ec2::254"),
        IPAddress.Parse("fd00:ec2::23"),
    ];

    private static readonly string[] MetadataHostNames =
    [
        "metadata", "metadata.google.internal", "metadata.goog", "metadata.azure.internal", "instance-data",
        "instance-data.ec2.internal",
    ];

    public static WebhookAddressKind Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (MetadataAddresses.Contains(address))
        {
            return WebhookAddressKind.Metadata;
        }

        return address.AddressFamily == AddressFamily.InterNetwork ? ClassifyV4(address.GetAddressBytes()) : ClassifyV6(address);
    }

    public static bool IsMetadataHost(string host) =>
        MetadataHostNames.Contains(host.TrimEnd('.'), StringComparer.OrdinalIgnoreCase);

    public bool IsAllowed(WebhookAddressKind kind) => kind switch
    {
        WebhookAddressKind.Public => true,
        WebhookAddressKind.Loopback => options.Value.AllowLoopback || options.Value.AllowPrivateNetworks,
        WebhookAddressKind.Private or WebhookAddressKind.LinkLocal => options.Value.AllowPrivateNetworks,
        _ => false,
    };

    public bool IsAllowed(IPAddress address) => IsAllowed(Classify(address));

    /// <summary>
    /// Why webhooks may not be sent to this URL's host, or null when they may. A host that does not resolve now is
    /// not refused here: it is checked again on every connection.
    /// </summary>
    public async Task<string?> FindProblemAsync(Uri url, CancellationToken cancellationToken)
    {
        var host = Host(url.IdnHost);
        if (IsMetadataHost(host))
        {
            return $"{host} is a cloud metadata host; webhook endpoints must be reachable on the public internet.";
        }

        if (IPAddress.TryParse(host, out var literal))
        {
            var kind = Classify(literal);
            return IsAllowed(kind) ? null : $"{literal} is {Describe(kind)}; webhook endpoints must be reachable on the public internet.";
        }

        // A fully qualified name ends in a dot ("localhost."): the same host however it is spelled. Names under
        // localhost are loopback by definition (RFC 6761), whatever a resolver says of them.
        host = host.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IsAllowed(WebhookAddressKind.Loopback)
                ? null
                : $"{host} is {Describe(WebhookAddressKind.Loopback)}; webhook endpoints must be reachable on the public internet.";
        }

        IPAddress[] addresses;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
        }
        catch (SocketException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        foreach (var address in addresses)
        {
            var kind = Classify(address);
            if (!IsAllowed(kind))
            {
                return $"{host} resolves to {address}, {Describe(kind)}; webhook endpoints must be reachable on the public internet.";
            }
        }

        return null;
    }

    /// <summary>The handler behind the webhook HTTP client: no redirects, no proxy, checked connections.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        MaxResponseHeadersLength = 32,
        ConnectCallback = ConnectAsync,
    };

    /// <summary>Resolves the host, keeps the allowed addresses and connects to one of them.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = Host(context.DnsEndPoint.Host);
        if (IsMetadataHost(host))
        {
            throw new WebhookAddressRefusedException($"{host} is a cloud metadata host.");
        }

        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(IsAllowed).ToList();
        if (allowed.Count == 0)
        {
            var refused = addresses.FirstOrDefault();
            throw new WebhookAddressRefusedException(refused is null
                ? $"{host} did not resolve."
                : $"{host} resolves to {refused}, {Describe(Classify(refused))}.");
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    public static string Describe(WebhookAddressKind kind) => kind switch
    {
        WebhookAddressKind.Loopback => "a loopback address",
        WebhookAddressKind.Private => "a private network address",
        WebhookAddressKind.LinkLocal => "a link-local address",
        WebhookAddressKind.Metadata => "a cloud metadata address",
        WebhookAddressKind.Reserved => "a reserved address",
        _ => "a public address",
    };

    private static string Host(string host) => host.Trim('[', ']');

    private static WebhookAddressKind ClassifyV4(byte[] b) => b switch
    {
        [0, ..] => WebhookAddressKind.Reserved,
        [127, ..] => WebhookAddressKind.Loopback,
        [10, ..] => WebhookAddressKind.Private,
        [172, >= 16 and <= 31, ..] => WebhookAddressKind.Private,
        [192, 168, ..] => WebhookAddressKind.Private,
        [100, >= 64 and <= 127, ..] => WebhookAddressKind.Private,
        [198, 18 or 19, ..] => WebhookAddressKind.Private,
        [169, 254, ..] => WebhookAddressKind.LinkLocal,
        [192, 0, 0, _] or [192, 0, 2, _] or [198, 51, 100, _] or [203, 0, 113, _] => WebhookAddressKind.Reserved,
        [>= 224, ..] => WebhookAddressKind.Reserved,
        _ => WebhookAddressKind.Public,
    };

    private static WebhookAddressKind ClassifyV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return WebhookAddressKind.Loopback;
        }

        var b = address.GetAddressBytes();
        // Addresses that carry an IPv4 address inside (NAT64, 6to4) go where that address goes.
        if (b is [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
        {
            return Classify(new IPAddress(b.AsSpan(12, 4)));
        }

        if (b is [0x20, 0x02, ..])
        {
            return Classify(new IPAddress(b.AsSpan(2, 4)));
        }

        return b switch
        {
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ..] => WebhookAddressKind.Reserved,
            [0xfe, >= 0x80 and <= 0xbf, ..] => WebhookAddressKind.LinkLocal,
            [0xfe, >= 0xc0, ..] => WebhookAddressKind.Private,
            [>= 0xfc and <= 0xfd, ..] => WebhookAddressKind.Private,
            [0xff, ..] => WebhookAddressKind.Reserved,
            [0x20, 0x01, 0x0d, 0xb8, ..] => WebhookAddressKind.Reserved,
            [0x01, 0x00, 0, 0, 0, 0, 0, 0, ..] => WebhookAddressKind.Reserved,
            [0x20, 0x01, 0, 0, ..] => WebhookAddressKind.Reserved,
            _ => WebhookAddressKind.Public,
        };
    }
}
