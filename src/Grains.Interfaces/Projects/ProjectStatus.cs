namespace Layers.Projects;

public static class ProjectStatus
{
    public const string Active = "active";
    public const string Archived = "archived";
}
