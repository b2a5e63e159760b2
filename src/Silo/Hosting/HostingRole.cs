namespace Layers.Silo.Hosting;

public static class HostingRole
{
    public const string Cohosted = "cohosted";
    public const string Client = "client";
}
