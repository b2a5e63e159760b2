using Layers.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLayersApi();

var app = builder.Build();
app.UseLayersApi();
await app.RunAsync();

/// <summary>The HTTP front's entry point (also the anchor for functional tests).</summary>
public partial class Program;
