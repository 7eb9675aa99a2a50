namespace CloudScale.ContractTests.Targets;

// One running implementation per collection, shared by every scenario class of that side. The two collections run
// in parallel; scenarios within one run one after another (some move the shared clock).

[CollectionDefinition(Name)]
public sealed class LegacyCollection : ICollectionFixture<LegacyTarget>
{
    public const string Name = "legacy";
}

[CollectionDefinition(Name)]
public sealed class ModularCollection : ICollectionFixture<ModularTarget>
{
    public const string Name = "modular";
}
