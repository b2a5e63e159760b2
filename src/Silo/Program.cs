using Layers.Silo.Hosting;
using Microsoft.Extensions.Hosting;

namespace Layers.Silo;

/// <summary>A headless silo: grain capacity without an HTTP front.</summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddLayersSilo();
        await builder.Build().RunAsync();
    }
}
