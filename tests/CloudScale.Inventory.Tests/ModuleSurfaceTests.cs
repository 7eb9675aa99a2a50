namespace CloudScale.Inventory.Tests;

public sealed class ModuleSurfaceTests
{
    [Fact]
    public void The_module_exposes_exactly_one_public_type_and_every_class_is_sealed()
    {
        var assembly = typeof(InventoryModule).Assembly;

        Assert.Equal([typeof(InventoryModule)], assembly.GetExportedTypes());
        Assert.Empty(assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsSealed: false }
                                                    && !t.Name.StartsWith('<') && t.DeclaringType is null).Select(t => t.FullName));
    }
}
